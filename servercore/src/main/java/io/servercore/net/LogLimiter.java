package io.servercore.net;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lets one log line through per interval and counts the ones it held back, so that a flood
 * of refused connections or failed accepts costs one line a second, not one per event.
 *
 * <p>Thread-safe: any thread may ask.
 */
final class LogLimiter {
    private final long intervalNanos;
    private final AtomicLong nextNanos = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder suppressed = new LongAdder();

    LogLimiter(long interval, TimeUnit unit) {
        this.intervalNanos = unit.toNanos(interval);
    }

    /**
     * Returns -1 when this event should not be logged, otherwise how many events were held
     * back since the last one that was (so the line can say so).
     */
    long tryAcquire() {
        long now = System.nanoTime();
        long next = nextNanos.get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !nextNanos.compareAndSet(next, now + intervalNanos)) {
            suppressed.increment();
            return -1;
        }
        return suppressed.sumThenReset();
    }
}
