package io.servercore.transport;

import java.nio.channels.AsynchronousSocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Reads loop-owned state the way the code allows it: on the loop's own thread. */
final class LoopProbe {
    private LoopProbe() {
    }

    static EventLoop loopOf(AsynchronousSocketChannel channel) {
        return ((LoopSocketChannel) channel).loop;
    }

    static <T> T onLoop(EventLoop loop, Supplier<T> read) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!loop.post(() -> result.complete(read.get()))) {
            throw new AssertionError(loop + " has closed");
        }
        return result.get(10, TimeUnit.SECONDS);
    }

    /** Counter deltas across a stretch of a test. */
    static final class Counts {
        private final LoopGroup group;
        private final long[] before = new long[LoopCounter.values().length];

        Counts(LoopGroup group) {
            this.group = group;
            for (LoopCounter counter : LoopCounter.values()) {
                before[counter.ordinal()] = group.count(counter);
            }
        }

        long delta(LoopCounter counter) {
            return group.count(counter) - before[counter.ordinal()];
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (LoopCounter counter : LoopCounter.values()) {
                sb.append(counter).append('=').append(delta(counter)).append(' ');
            }
            return sb.toString().trim();
        }
    }
}
