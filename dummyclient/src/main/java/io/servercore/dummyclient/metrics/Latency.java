package io.servercore.dummyclient.metrics;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency distribution in microseconds: recorded by many threads, read by one.
 *
 * <p>Threading: {@link #record(long)} from any thread (HdrHistogram's wait-free
 * {@link Recorder}). {@link #interval()} and {@link #total()} only from the one thread that
 * reports (the swarm's runner): each {@code interval()} moves what was recorded since the
 * last one into the total.
 */
public final class Latency {
    /** One hour; longer delays are recorded as one hour. */
    static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private Histogram recycled;

    /** Records a delay given in nanoseconds. */
    public void record(long nanos) {
        long micros = Math.max(0, Math.min(MAX_MICROS, nanos / 1000));
        recorder.recordValue(micros);
    }

    /** What was recorded since the last call (also added to the total). Reporter thread only. */
    public Histogram interval() {
        recycled = recorder.getIntervalHistogram(recycled);
        total.add(recycled);
        return recycled;
    }

    /** Everything recorded up to the last {@link #interval()}. Reporter thread only. */
    Histogram total() {
        return total;
    }

    /** Everything recorded, as a copy of its own, once recording has ended. Reporter thread only. */
    public Histogram frozen() {
        interval();
        return total.copy();
    }
}
