package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.ShutdownChannelGroupException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Channel behaviour of our provider where NIO.2 leaves room, or where only our state can show it. */
@Timeout(30)
class LoopChannelTest {

    @Test
    void aTimedOutReadMovedNoBytesSoTheChannelStaysUsable() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1); Sockets.Peered peered = Sockets.peered(io.group)) {
            Recorder<Integer> timedOut = new Recorder<>();
            peered.channel().read(ByteBuffer.allocate(8), 50, TimeUnit.MILLISECONDS, null, timedOut);
            timedOut.awaitFailure(InterruptedByTimeoutException.class);

            ByteBuffer in = ByteBuffer.allocate(8);
            Recorder<Integer> next = new Recorder<>();
            peered.channel().read(in, null, next); // the JDK's channel would throw here
            peered.peerWrites(new byte[] {1, 2, 3});
            assertEquals(3, next.awaitResult());
            assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(in.array(), 3));
        }
    }

    @Test
    void anOperationThatCompletesInTimeLeavesNoTimeoutBehind() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1); Sockets.Peered peered = Sockets.peered(io.group)) {
            AsynchronousSocketChannel channel = peered.channel();
            EventLoop loop = LoopProbe.loopOf(channel);
            for (int i = 0; i < 100; i++) {
                Recorder<Integer> read = new Recorder<>();
                channel.read(ByteBuffer.allocate(8), 1, TimeUnit.HOURS, null, read);
                assertEquals(1, (int) LoopProbe.onLoop(loop, loop.timeouts::size), "the waiting read's timeout");
                peered.peerWrites(new byte[] {(byte) i});
                assertEquals(1, read.awaitResult());
            }
            assertEquals(0, (int) LoopProbe.onLoop(loop, loop.timeouts::size), "no completed read left a timeout");
        }
    }

    @Test
    void soLingerIsSupported() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1); Sockets.Pair pair = Sockets.pair(io.group)) {
            assertTrue(pair.client().supportedOptions().contains(StandardSocketOptions.SO_LINGER));
            pair.client().setOption(StandardSocketOptions.SO_LINGER, 0);
            assertEquals(0, pair.client().getOption(StandardSocketOptions.SO_LINGER));
        }
    }

    @Test
    void aHandlerThatThrowsIsCountedAndTheLoopCarriesOn() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1); Sockets.Pair pair = Sockets.pair(io.group)) {
            io.expectHandlerFailures(1);
            LoopProbe.Counts counts = new LoopProbe.Counts(io.loops());
            Recorder<Integer> threw = new Recorder<>() {
                @Override
                public void completed(Integer n, Object att) {
                    super.completed(n, att);
                    throw new IllegalStateException("a bug in a handler (expected by this test)");
                }
            };
            pair.client().write(ByteBuffer.allocate(1), null, threw);
            threw.await();
            Recorder<Integer> after = new Recorder<>();
            pair.client().write(ByteBuffer.allocate(1), null, after);
            assertEquals(1, after.awaitResult());
            assertEquals(1, counts.delta(LoopCounter.HANDLER_FAILURES));
        }
    }

    @Test
    void operationsAfterTheGroupTerminatedThrowShutdownChannelGroup() throws Exception {
        TestGroup io = new TestGroup(Transport.LOOP, 1);
        Sockets.Pair pair = Sockets.pair(io.group);
        io.close();
        CompletionHandler<Integer, Object> never = new Recorder<>();
        assertThrows(ShutdownChannelGroupException.class, () -> pair.client().read(ByteBuffer.allocate(1), null, never));
        assertThrows(ShutdownChannelGroupException.class, () -> pair.client().write(ByteBuffer.allocate(1), null, never));
    }
}
