package io.servercore.dummyclient.report;

import io.servercore.dummyclient.attack.Attack;
import io.servercore.dummyclient.config.Mode;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.AttackMetrics;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.metrics.Latency;
import io.servercore.dummyclient.metrics.SwarmState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The once-a-second progress line: sessions open and ready, sends per second against what is
 * asked, deliveries per second against what the room sizes predict, the interval's p50 and p99,
 * errors and disconnects, and bytes queued unsent. Also keeps the peak of that backlog, and every
 * line's figures as a {@link Second}: the time series of the HTML report's charts.
 *
 * <p>Not thread-safe: owned by the swarm's runner thread, which also owns the reading side
 * of the {@link Latency} it takes its percentiles from.
 */
public final class Progress {
    private static final long SECOND = 1_000_000_000L;

    private final SwarmState state;
    private final PrintWriter out;
    private final LongSupplier queuedBytes;
    private final List<Attack> attacks;
    private long[] last;
    private long lastNanos;
    private long nextNanos;
    private long peakQueued;
    private final List<Second> seconds = new ArrayList<>();

    /**
     * @param out         where lines go; {@code null} for none (the backlog is still sampled)
     * @param queuedBytes the bytes queued unsent over all sessions, now
     * @param attacks     the run's attacks, whose connections the line adds up
     */
    public Progress(SwarmState state, PrintWriter out, LongSupplier queuedBytes, List<Attack> attacks) {
        this.state = state;
        this.out = out;
        this.queuedBytes = queuedBytes;
        this.attacks = attacks;
        this.last = state.metrics.snapshot();
        this.lastNanos = System.nanoTime();
        this.nextNanos = lastNanos + SECOND;
    }

    /** When the next line is due, on {@link System#nanoTime()}. */
    public long nextNanos() {
        return nextNanos;
    }

    public long peakQueued() {
        return peakQueued;
    }

    /** Every line's figures so far, in order. */
    public List<Second> seconds() {
        return List.copyOf(seconds);
    }

    /** Prints a line for the time since the last one; {@code phase} names what the run is doing. */
    public void line(String phase, boolean loading) {
        long now = System.nanoTime();
        long[] current = state.metrics.snapshot();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long queued = queuedBytes.getAsLong();
        peakQueued = Math.max(peakQueued, queued);
        boolean echo = state.config.mode() == Mode.ECHO;
        Histogram interval = (echo ? state.metrics.pingRtt : state.metrics.chatLatency).interval();
        Second second = second(phase, loading, current, seconds, interval, queued);
        this.seconds.add(second);
        if (out != null) {
            out.println(text(second, current));
            out.flush();
        }
        last = current;
        lastNanos = now;
        nextNanos = now + SECOND;
    }

    /** The figures of one line: the rates over the {@code seconds} since the last one. */
    private Second second(String phase, boolean loading, long[] now, double seconds, Histogram interval, long queued) {
        boolean echo = state.config.mode() == Mode.ECHO;
        double asked = loading && !echo ? state.config.chatRate() * now[Counter.READY.ordinal()] : 0;
        long errors = now[Counter.SERVER_ERRORS.ordinal()] + now[Counter.PROTOCOL_ERRORS.ordinal()]
                + now[Counter.CONNECT_FAILURES.ordinal()] + now[Counter.ORDER_VIOLATIONS.ordinal()];
        return new Second(state.now() / 1e9, phase,
                delta(now, echo ? Counter.PINGS_SENT : Counter.CHATS_SENT) / seconds, asked,
                delta(now, echo ? Counter.PONGS : Counter.CHAT_DELIVERIES) / seconds,
                echo ? 0 : delta(now, Counter.CHAT_PREDICTED) / seconds,
                millis(interval, 50), millis(interval, 99), state.metrics.openSessions(), errors,
                now[Counter.UNEXPECTED_DISCONNECTS.ordinal()], queued);
    }

    private String text(Second s, long[] now) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%5.0fs] %-6s | open %d, ready %d of %d",
                s.atSeconds(), s.phase(), s.open(), now[Counter.READY.ordinal()], state.config.clients()));
        if (state.config.mode() == Mode.ECHO) {
            line.append(String.format(Locale.ROOT, " | pings %.0f/s | round trips %.0f/s", s.sent(), s.delivered()));
        } else {
            line.append(String.format(Locale.ROOT, " | chats %.0f/s of %.0f/s | delivered %.0f/s of %.0f/s predicted",
                    s.sent(), s.asked(), s.delivered(), s.predicted()));
        }
        line.append(" | p50 ").append(percentile(s.p50Millis())).append(" | p99 ").append(percentile(s.p99Millis()));
        line.append(String.format(Locale.ROOT, " | errors %d | disconnects %d | queued %d B", s.errors(),
                s.disconnects(), s.queuedBytes()));
        if (!attacks.isEmpty()) {
            long open = 0;
            long answered = 0;
            long wrong = 0;
            for (Attack attack : attacks) {
                AttackMetrics m = attack.metrics;
                open += m.open();
                answered += m.get(AttackCounter.ANSWERED);
                wrong += m.get(AttackCounter.UNEXPECTED_CLOSES) + m.get(AttackCounter.NOT_ANSWERED)
                        + m.get(AttackCounter.CONNECT_FAILURES);
            }
            line.append(String.format(Locale.ROOT, " | attackers open %d, closes as expected %d, not as expected %d",
                    open, answered, wrong));
        }
        return line.toString();
    }

    /** The interval's percentile in ms, or NaN when nothing was recorded in it. */
    private static double millis(Histogram interval, double percentile) {
        return interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(percentile) / 1000.0;
    }

    /** A percentile for the line: {@code 1.234 ms}, or {@code -} when there is none. */
    private static String percentile(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.3f ms", millis);
    }

    private long delta(long[] current, Counter counter) {
        return current[counter.ordinal()] - last[counter.ordinal()];
    }
}
