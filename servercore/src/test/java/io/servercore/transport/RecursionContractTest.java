package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A handler that re-issues an operation which completes at once must not grow the stack
 * without bound: 10,000 such re-issues complete, and the handler's stack stays shallow.
 */
@Timeout(60)
class RecursionContractTest {
    private static final int TIMES = 10_000;
    /** Far above 16 nested handler calls of either provider, far below 10,000 nested ones. */
    private static final long MAX_FRAMES = 2_000;

    /** Re-issues {@code op} from its own handler until it has completed TIMES times. */
    private abstract static class Repeater implements CompletionHandler<Integer, Object> {
        final AtomicInteger completed = new AtomicInteger();
        final AtomicLong deepest = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        volatile Throwable failure;

        abstract void issue();

        @Override
        public void completed(Integer n, Object attachment) {
            long frames = StackWalker.getInstance().walk(s -> s.count());
            deepest.accumulateAndGet(frames, Math::max);
            if (n != 1) {
                failed(new AssertionError("expected 1 byte, got " + n), attachment);
            } else if (completed.incrementAndGet() == TIMES) {
                done.countDown();
            } else {
                issue();
            }
        }

        @Override
        public void failed(Throwable cause, Object attachment) {
            failure = cause;
            done.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(done.await(40, TimeUnit.SECONDS), () -> "completed " + completed + " of " + TIMES);
            assertEquals(null, failure);
            assertEquals(TIMES, completed.get());
            assertTrue(deepest.get() < MAX_FRAMES, () -> "handler stack reached " + deepest + " frames");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tenThousandWritesReissuedFromTheirHandlerDoNotOverflowTheStack(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            byte[] expected = Sockets.pattern(11, TIMES);
            ReadAll reader = new ReadAll(pair.server(), TIMES, 4096).start();
            AsynchronousSocketChannel channel = pair.client();
            Repeater writer = new Repeater() {
                @Override
                void issue() {
                    channel.write(ByteBuffer.wrap(expected, completed.get(), 1), null, this);
                }
            };
            writer.issue();
            writer.await();
            assertArrayEquals(expected, reader.await());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tenThousandReadsReissuedFromTheirHandlerDoNotOverflowTheStack(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group)) {
            byte[] sent = Sockets.pattern(12, TIMES);
            peered.peerWrites(sent); // all of it waits in the receive buffer: every read completes at once
            byte[] got = new byte[TIMES];
            AsynchronousSocketChannel channel = peered.channel();
            Repeater reader = new Repeater() {
                @Override
                void issue() {
                    channel.read(ByteBuffer.wrap(got, completed.get(), 1), null, this);
                }
            };
            reader.issue();
            reader.await();
            assertArrayEquals(sent, got);
        }
    }
}
