package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Await;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ShutdownChannelGroupException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** shutdown, shutdownNow, isTerminated and awaitTermination of a channel group. */
@Timeout(30)
class GroupLifecycleContractTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shutdownRefusesNewChannelsAndTerminatesWhenTheLastChannelCloses(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2)) {
            Sockets.Pair pair = Sockets.pair(io.group); // its listener is closed already
            io.group.shutdown();
            assertTrue(io.group.isShutdown());
            assertThrows(ShutdownChannelGroupException.class, () -> AsynchronousSocketChannel.open(io.group));
            assertThrows(ShutdownChannelGroupException.class, () -> AsynchronousServerSocketChannel.open(io.group));

            // the open channels keep working
            Recorder<Integer> read = new Recorder<>();
            pair.server().read(ByteBuffer.allocate(4), null, read);
            pair.client().write(ByteBuffer.wrap(new byte[] {1, 2})).get(10, TimeUnit.SECONDS);
            assertEquals(2, read.awaitResult());
            assertFalse(io.group.awaitTermination(50, TimeUnit.MILLISECONDS), "two channels are still open");
            assertFalse(io.group.isTerminated());

            pair.client().close();
            assertFalse(io.group.isTerminated(), "one channel is still open");
            pair.server().close();
            assertTrue(io.group.awaitTermination(10, TimeUnit.SECONDS));
            assertTrue(io.group.isTerminated());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shutdownNowFailsEveryPendingOperationOnceAndTerminates(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2)) {
            AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(io.group)
                    .bind(Sockets.ANY_LOOPBACK);
            Recorder<AsynchronousSocketChannel> accept = new Recorder<>();
            listener.accept(null, accept);
            // peers outside the group: closing one end of an in-group pair could end the other's read first
            Sockets.Peered reading = Sockets.peered(io.group);
            Recorder<Integer> plainRead = new Recorder<>();
            reading.channel().read(ByteBuffer.allocate(8), null, plainRead);
            Sockets.Peered timedReading = Sockets.peered(io.group);
            Recorder<Integer> timedRead = new Recorder<>();
            timedReading.channel().read(ByteBuffer.allocate(8), 1, TimeUnit.HOURS, null, timedRead);
            Sockets.Peered peered = Sockets.peered(io.group, 4096);
            peered.channel().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            WriteChain chain = new WriteChain(peered.channel(), ByteBuffer.wrap(new byte[8 << 20]), 0).start();
            Await.until("a write came back short", () -> chain.partial.get() > 0 || chain.ended());

            io.group.shutdownNow();
            assertTrue(io.group.isShutdown());
            assertTrue(io.group.awaitTermination(10, TimeUnit.SECONDS));
            assertTrue(io.group.isTerminated());

            for (Recorder<?> recorder : new Recorder<?>[] {accept, plainRead, timedRead}) {
                recorder.awaitFailure(AsynchronousCloseException.class);
                recorder.assertCalledOnce();
            }
            assertEquals(chain.issued.get(), chain.calls.get(), "every issued write completed exactly once");
            assertTrue(chain.failure instanceof AsynchronousCloseException
                    || chain.failure instanceof ClosedChannelException, () -> "chain ended with " + chain.failure);
            assertFalse(listener.isOpen());
            assertFalse(reading.channel().isOpen());
            assertFalse(timedReading.channel().isOpen());
            assertFalse(peered.channel().isOpen());
            reading.peer().close();
            timedReading.peer().close();
            peered.peer().close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGroupWithNoChannelsTerminatesOnShutdown(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 3)) {
            io.group.shutdown();
            assertTrue(io.group.awaitTermination(10, TimeUnit.SECONDS));
            assertTrue(io.group.isTerminated());
            // (that the threads have ended too is our promise, not NIO.2's: LoopGroupTest)
        }
    }
}
