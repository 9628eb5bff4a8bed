package io.servercore.dummyclient;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The once-a-second progress line: sessions open and ready, sends per second against what is
 * asked, deliveries per second against what the room sizes predict, the interval's p50 and p99,
 * errors and disconnects, and bytes queued unsent. Also keeps the peak of that backlog.
 *
 * <p>Not thread-safe: owned by the swarm's runner thread, which also owns the reading side
 * of the {@link Latency} it takes its percentiles from.
 */
final class Progress {
    private static final long SECOND = 1_000_000_000L;

    private final SwarmState state;
    private final PrintWriter out;
    private final LongSupplier queuedBytes;
    private final List<Attack> attacks;
    private long[] last;
    private long lastNanos;
    private long nextNanos;
    private long peakQueued;

    /**
     * @param out         where lines go; {@code null} for none (the backlog is still sampled)
     * @param queuedBytes the bytes queued unsent over all sessions, now
     * @param attacks     the run's attacks, whose connections the line adds up
     */
    Progress(SwarmState state, PrintWriter out, LongSupplier queuedBytes, List<Attack> attacks) {
        this.state = state;
        this.out = out;
        this.queuedBytes = queuedBytes;
        this.attacks = attacks;
        this.last = state.metrics.snapshot();
        this.lastNanos = System.nanoTime();
        this.nextNanos = lastNanos + SECOND;
    }

    /** When the next line is due, on {@link System#nanoTime()}. */
    long nextNanos() {
        return nextNanos;
    }

    long peakQueued() {
        return peakQueued;
    }

    /** Prints a line for the time since the last one; {@code phase} names what the run is doing. */
    void line(String phase, boolean loading) {
        long now = System.nanoTime();
        long[] current = state.metrics.snapshot();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long queued = queuedBytes.getAsLong();
        peakQueued = Math.max(peakQueued, queued);
        boolean echo = state.config.mode() == Mode.ECHO;
        Histogram interval = (echo ? state.metrics.pingRtt : state.metrics.chatLatency).interval();
        if (out != null) {
            out.println(text(phase, loading, current, seconds, interval, queued));
            out.flush();
        }
        last = current;
        lastNanos = now;
        nextNanos = now + SECOND;
    }

    private String text(String phase, boolean loading, long[] now, double seconds, Histogram interval, long queued) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%5.0fs] %-6s | open %d, ready %d of %d",
                state.now() / 1e9, phase, state.metrics.openSessions(), now[Counter.READY.ordinal()],
                state.config.clients()));
        if (state.config.mode() == Mode.ECHO) {
            line.append(String.format(Locale.ROOT, " | pings %.0f/s | round trips %.0f/s",
                    delta(now, Counter.PINGS_SENT) / seconds, delta(now, Counter.PONGS) / seconds));
        } else {
            double asked = loading ? state.config.chatRate() * now[Counter.READY.ordinal()] : 0;
            line.append(String.format(Locale.ROOT, " | chats %.0f/s of %.0f/s | delivered %.0f/s of %.0f/s predicted",
                    delta(now, Counter.CHATS_SENT) / seconds, asked, delta(now, Counter.CHAT_DELIVERIES) / seconds,
                    delta(now, Counter.CHAT_PREDICTED) / seconds));
        }
        line.append(" | p50 ").append(percentile(interval, 50)).append(" | p99 ").append(percentile(interval, 99));
        long errors = now[Counter.SERVER_ERRORS.ordinal()] + now[Counter.PROTOCOL_ERRORS.ordinal()]
                + now[Counter.CONNECT_FAILURES.ordinal()] + now[Counter.ORDER_VIOLATIONS.ordinal()];
        line.append(String.format(Locale.ROOT, " | errors %d | disconnects %d | queued %d B", errors,
                now[Counter.UNEXPECTED_DISCONNECTS.ordinal()], queued));
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

    /** The interval's percentile in ms, or {@code -} when nothing was recorded in it. */
    private static String percentile(Histogram interval, double percentile) {
        return interval.getTotalCount() == 0 ? "-"
                : String.format(Locale.ROOT, "%.3f ms", interval.getValueAtPercentile(percentile) / 1000.0);
    }

    private long delta(long[] current, Counter counter) {
        return current[counter.ordinal()] - last[counter.ordinal()];
    }
}
