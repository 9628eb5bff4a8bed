package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AcceptPendingException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Connect and accept, on the JDK's provider and on ours. */
@Timeout(30)
class ConnectAcceptContractTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void connectAndAcceptGiveTwoEndsOfOneConnection(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2);
             AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(io.group)) {
            listener.bind(Sockets.ANY_LOOPBACK, 16);
            Recorder<AsynchronousSocketChannel> accepted = new Recorder<>();
            listener.accept("accept-att", accepted);
            try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open(io.group)) {
                Recorder<Void> connected = new Recorder<>();
                client.connect(listener.getLocalAddress(), "connect-att", connected);
                connected.awaitResult();
                assertEquals("connect-att", connected.attachment());
                try (AsynchronousSocketChannel server = accepted.awaitResult()) {
                    assertEquals("accept-att", accepted.attachment());
                    assertEquals(client.getLocalAddress(), server.getRemoteAddress());
                    assertEquals(server.getLocalAddress(), client.getRemoteAddress());
                    assertEquals(listener.getLocalAddress(), client.getRemoteAddress());
                    assertTrue(server.isOpen());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void connectingToAPortNobodyListensOnFailsAndClosesTheChannel(Transport transport) throws Exception {
        InetSocketAddress closedPort;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(Sockets.ANY_LOOPBACK);
            closedPort = (InetSocketAddress) probe.getLocalAddress();
        }
        try (TestGroup io = new TestGroup(transport, 2);
             AsynchronousSocketChannel client = AsynchronousSocketChannel.open(io.group)) {
            Recorder<Void> connected = new Recorder<>();
            client.connect(closedPort, null, connected);
            connected.awaitFailure(IOException.class);
            assertFalse(client.isOpen(), "a failed connect closes the channel");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSecondConnectThrowsAlreadyConnectedAndBadAddressesAreRefusedAtOnce(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            Recorder<Void> again = new Recorder<>();
            assertThrows(AlreadyConnectedException.class,
                    () -> pair.client().connect(pair.client().getRemoteAddress(), null, again));
            try (AsynchronousSocketChannel fresh = AsynchronousSocketChannel.open(io.group)) {
                assertThrows(UnresolvedAddressException.class,
                        () -> fresh.connect(InetSocketAddress.createUnresolved("no-such-host.invalid", 80), null, again));
            }
            assertEquals(0, again.calls());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aConnectWhileOneIsPendingThrowsConnectionPendingAndCloseFailsTheFirst(Transport transport) throws Exception {
        List<SocketChannel> fillers = new ArrayList<>();
        try (TestGroup io = new TestGroup(transport, 2); ServerSocketChannel listener = ServerSocketChannel.open()) {
            // A listener that never accepts, with a backlog of 1: once its accept queue is full, the
            // kernel drops further SYNs, and a connect stays in progress until the queue has room.
            listener.bind(Sockets.ANY_LOOPBACK, 1);
            for (int i = 0; i < 8; i++) {
                SocketChannel filler = SocketChannel.open();
                filler.configureBlocking(false);
                filler.connect(listener.getLocalAddress());
                fillers.add(filler);
            }
            AsynchronousSocketChannel client = AsynchronousSocketChannel.open(io.group);
            Recorder<Void> first = new Recorder<>();
            client.connect(listener.getLocalAddress(), null, first);
            Recorder<Void> second = new Recorder<>();
            assertThrows(ConnectionPendingException.class,
                    () -> client.connect(listener.getLocalAddress(), null, second));
            client.close();
            first.awaitFailure(AsynchronousCloseException.class);
            io.group.shutdownNow();
            assertTrue(io.group.awaitTermination(10, TimeUnit.SECONDS));
            first.assertCalledOnce();
            assertEquals(0, second.calls());
        } finally {
            for (SocketChannel filler : fillers) {
                filler.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSecondAcceptThrowsAcceptPendingAndChangesNothing(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2);
             AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(io.group)) {
            listener.bind(Sockets.ANY_LOOPBACK);
            Recorder<AsynchronousSocketChannel> first = new Recorder<>();
            listener.accept(null, first);
            Recorder<AsynchronousSocketChannel> second = new Recorder<>();
            assertThrows(AcceptPendingException.class, () -> listener.accept(null, second));

            try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open(io.group)) {
                client.connect(listener.getLocalAddress()).get(10, TimeUnit.SECONDS);
                try (AsynchronousSocketChannel server = first.awaitResult()) {
                    assertNotNull(server);
                    // the connection works end to end
                    client.write(ByteBuffer.wrap(new byte[] {42})).get(10, TimeUnit.SECONDS);
                    ByteBuffer in = ByteBuffer.allocate(1);
                    assertEquals(1, server.read(in).get(10, TimeUnit.SECONDS));
                    assertEquals(42, in.get(0));
                }
            }
            assertEquals(0, second.calls());
            first.assertCalledOnce();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void acceptOnAnUnboundListenerThrowsNotYetBound(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 1);
             AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(io.group)) {
            Recorder<AsynchronousSocketChannel> never = new Recorder<>();
            assertThrows(NotYetBoundException.class, () -> listener.accept(null, never));
            assertEquals(0, never.calls());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theFutureVariantsOfConnectAndAcceptComplete(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2);
             AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(io.group)) {
            listener.bind(Sockets.ANY_LOOPBACK);
            var accepted = listener.accept();
            try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open(io.group)) {
                client.connect(listener.getLocalAddress()).get(10, TimeUnit.SECONDS);
                try (AsynchronousSocketChannel server = accepted.get(10, TimeUnit.SECONDS)) {
                    assertEquals(client.getLocalAddress(), server.getRemoteAddress());
                }
            }
        }
    }
}
