package io.servercore.benchmarks.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One latency figure in microseconds: the distribution of the current second, for its progress
 * line, and that of the steady part of the run (after the warm-up), for the summary. Plain
 * {@link Histogram}s, not HdrHistogram's Recorder: one thread records and reads, so recording
 * is an array increment, no interval swap and no memory barrier.
 *
 * <p>Not thread-safe: owned by the generator's one thread.
 */
final class Latency {
    /** One hour; a longer delay is recorded as one hour. */
    static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    final Histogram second = new Histogram(MAX_MICROS, 3);
    final Histogram steady = new Histogram(MAX_MICROS, 3);

    /** Records {@code nanos}, also into the steady figure when {@code inSteady}. */
    void record(long nanos, boolean inSteady) {
        long micros = nanos / 1000;
        if (micros < 0) {
            micros = 0;
        } else if (micros > MAX_MICROS) {
            micros = MAX_MICROS;
        }
        second.recordValue(micros);
        if (inSteady) {
            steady.recordValue(micros);
        }
    }

    /** The current second's percentile in ms; NaN when it has no samples. */
    double secondMillis(double percentile) {
        return millis(second, percentile);
    }

    static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMillis(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    /** Starts the next second. */
    void nextSecond() {
        second.reset();
    }
}
