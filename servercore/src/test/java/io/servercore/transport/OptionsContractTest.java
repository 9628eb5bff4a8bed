package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardSocketOptions;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Socket options, addresses and binding, as NIO.2 specifies them for both channel kinds. */
@Timeout(30)
class OptionsContractTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theStandardSocketOptionsAreSetAndRead(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 1); Sockets.Pair pair = Sockets.pair(io.group)) {
            AsynchronousSocketChannel channel = pair.client();
            assertTrue(channel.supportedOptions().containsAll(List.of(StandardSocketOptions.TCP_NODELAY,
                    StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_RCVBUF,
                    StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.SO_REUSEADDR)));
            assertEquals(channel, channel.setOption(StandardSocketOptions.TCP_NODELAY, true));
            assertEquals(true, channel.getOption(StandardSocketOptions.TCP_NODELAY));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, false);
            assertEquals(false, channel.getOption(StandardSocketOptions.TCP_NODELAY));
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            assertEquals(true, channel.getOption(StandardSocketOptions.SO_KEEPALIVE));
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 8192);
            assertTrue(channel.getOption(StandardSocketOptions.SO_SNDBUF) >= 8192); // Linux doubles it
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 8192);
            assertTrue(channel.getOption(StandardSocketOptions.SO_RCVBUF) >= 8192);
            assertThrows(UnsupportedOperationException.class,
                    () -> channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1));
            assertThrows(NullPointerException.class, () -> channel.getOption(null));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aListenerTakesItsOptionsAndBindsOnce(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 1);
             AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(io.group)) {
            assertTrue(listener.supportedOptions().containsAll(
                    List.of(StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_REUSEADDR)));
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            assertEquals(true, listener.getOption(StandardSocketOptions.SO_REUSEADDR));
            listener.setOption(StandardSocketOptions.SO_RCVBUF, 16384);
            assertTrue(listener.getOption(StandardSocketOptions.SO_RCVBUF) >= 16384);
            assertEquals(null, listener.getLocalAddress());
            listener.bind(Sockets.ANY_LOOPBACK, 8);
            assertTrue(listener.getLocalAddress() != null);
            assertThrows(AlreadyBoundException.class, () -> listener.bind(Sockets.ANY_LOOPBACK));
            assertThrows(UnsupportedOperationException.class,
                    () -> listener.setOption(StandardSocketOptions.TCP_NODELAY, true));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void addressesOfAClosedChannelAreRefused(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 1); Sockets.Pair pair = Sockets.pair(io.group)) {
            assertEquals(pair.client().getLocalAddress(), pair.server().getRemoteAddress());
            pair.client().close();
            assertThrows(ClosedChannelException.class, () -> pair.client().getRemoteAddress());
            assertThrows(ClosedChannelException.class, () -> pair.client().getLocalAddress());
            assertThrows(ClosedChannelException.class, () -> pair.client().shutdownOutput());
        }
    }
}
