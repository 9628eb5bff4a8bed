package io.servercore.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The {@link LoopCounter}s of one {@link EventLoop}.
 *
 * <p>Threading: {@link #increment} only on the loop's own thread (single writer, so a plain
 * read-modify-write published with a release store is enough); {@link #incrementShared} from
 * any thread, for the counters other threads bump; {@link #get} from any thread.
 */
final class LoopStats {
    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] counts = new long[LoopCounter.values().length];

    void increment(LoopCounter counter) {
        int i = counter.ordinal();
        COUNTS.setRelease(counts, i, (long) COUNTS.getOpaque(counts, i) + 1);
    }

    void incrementShared(LoopCounter counter) {
        COUNTS.getAndAdd(counts, counter.ordinal(), 1L);
    }

    long get(LoopCounter counter) {
        return (long) COUNTS.getAcquire(counts, counter.ordinal());
    }
}
