package io.servercore.dummyclient.report;

import io.servercore.cli.Range;
import io.servercore.dummyclient.attack.AttackResult;
import io.servercore.dummyclient.config.Mode;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.metrics.ErrorCodes;
import io.servercore.dummyclient.metrics.Metrics;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.net.DisconnectReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * What one run saw, frozen once it ended: every counter, the latency distributions, errors
 * and disconnects by kind, and the run's timing. {@link #failures()} says in words what makes
 * the run a failure; {@link #exitStatus()} is 0 when nothing does.
 *
 * <p>Immutable once built (the histograms are copies no one else holds); thread-safe.
 */
public final class SwarmResult {
    /** Exit status of a run that found something wrong. */
    public static final int FAILED = 1;

    public final SwarmConfig config;
    public final long[] counters;
    /** Chat send (due time) to the sender's own copy back, in microseconds. */
    public final Histogram chatLatency;
    /** With attacks: the chat latency of chats due before the attacks started, and of those due after. */
    public final Histogram chatLatencyCalm;
    public final Histogram chatLatencyAttacked;
    /** C_Ping to S_Pong, in microseconds. */
    public final Histogram pingRtt;
    public final Map<Integer, Long> errorsByCode;
    public final Map<DisconnectReason, Long> disconnectsByCause;
    public final List<String> connectFailureSamples;
    public final List<String> protocolErrorSamples;
    public final long rampNanos;
    public final long loadNanos;
    public final long drainNanos;
    /** From the start of the load to the start of the attacks. */
    public final long calmNanos;
    /** Bytes the swarm had queued but not yet written when the load stopped. */
    public final long queuedAtStop;
    /** The most bytes queued unsent at any progress tick. */
    public final long peakQueued;
    /** One per attack, in the order given. */
    public final List<AttackResult> attacks;
    /** The progress lines' figures, one a second: the report's time series. */
    public final List<Second> seconds;

    public SwarmResult(SwarmState state, Timeline timeline, long queuedAtStop, long peakQueued,
                List<AttackResult> attacks, List<Second> seconds) {
        Metrics metrics = state.metrics;
        this.config = state.config;
        this.counters = metrics.snapshot();
        this.chatLatency = metrics.chatLatency.frozen();
        this.chatLatencyCalm = metrics.chatLatencyCalm.frozen();
        this.chatLatencyAttacked = metrics.chatLatencyAttacked.frozen();
        this.pingRtt = metrics.pingRtt.frozen();
        this.errorsByCode = Collections.unmodifiableMap(metrics.errorsByCode());
        this.disconnectsByCause = Collections.unmodifiableMap(metrics.disconnectsByCause());
        this.connectFailureSamples = metrics.connectFailureSamples();
        this.protocolErrorSamples = metrics.protocolErrorSamples();
        this.rampNanos = timeline.rampNanos();
        this.loadNanos = timeline.loadNanos();
        this.drainNanos = timeline.drainNanos();
        this.calmNanos = timeline.calmNanos();
        this.queuedAtStop = queuedAtStop;
        this.peakQueued = peakQueued;
        this.attacks = List.copyOf(attacks);
        this.seconds = List.copyOf(seconds);
    }

    public long count(Counter counter) {
        return counters[counter.ordinal()];
    }

    /** {@code n} per second of load (0 when the load took no time). */
    public double perSecond(long n) {
        return loadNanos <= 0 ? 0 : n * 1e9 / loadNanos;
    }

    /** 0 when {@link #failures()} is empty, else {@link #FAILED}. */
    public int exitStatus() {
        return failures().isEmpty() ? 0 : FAILED;
    }

    /**
     * Whether nothing could connect at all: connects were tried and failed, and not one session
     * nor attacker got through. Such a run has nothing to report but that.
     */
    public boolean connectedNone() {
        long failed = count(Counter.CONNECT_FAILURES);
        long opened = count(Counter.CONNECTED);
        for (AttackResult attack : attacks) {
            failed += attack.count(AttackCounter.CONNECT_FAILURES);
            opened += attack.count(AttackCounter.OPENED);
        }
        return failed > 0 && opened == 0;
    }

    /** The one line that says a run could not connect at all, with the first reason. */
    public String connectedNoneLine() {
        StringJoiner targets = new StringJoiner(",");
        config.targets().forEach(t -> targets.add(t.toString()));
        long failed = count(Counter.CONNECT_FAILURES);
        for (AttackResult attack : attacks) {
            failed += attack.count(AttackCounter.CONNECT_FAILURES);
        }
        return "could not connect to " + targets + " at all: " + failed + " connects failed"
                + first(connectFailureSamples);
    }

    /** Each reason this run is a failure, in words; empty for a clean run. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        long failedConnects = count(Counter.CONNECT_FAILURES);
        if (failedConnects > 0) {
            out.add(failedConnects + " of " + config.clients() + " sessions could not connect"
                    + first(connectFailureSamples));
        }
        long notReady = count(Counter.CONNECTED) - count(Counter.READY);
        if (notReady > 0) {
            out.add(notReady + " connected sessions never got into their room (" + count(Counter.ENTRY_REFUSED)
                    + " refused by the server)");
        }
        long dropped = count(Counter.UNEXPECTED_DISCONNECTS);
        if (dropped > 0) {
            out.add(dropped + " sessions were disconnected before the end: "
                    + describe(disconnectsByCause, DisconnectReason::name));
        }
        long broken = count(Counter.PROTOCOL_ERRORS);
        if (broken > 0) {
            out.add(broken + " packets from the server broke the protocol" + first(protocolErrorSamples));
        }
        notZero(out, Counter.UNEXPECTED_PACKETS, " packets made no sense where they came");
        notZero(out, Counter.ORDER_VIOLATIONS, " chats arrived out of their sender's order");
        notZero(out, Counter.ORDER_GAPS, " chats went missing between two chats of their sender");
        long errors = count(Counter.SERVER_ERRORS);
        if (errors > 0) {
            out.add("the server answered " + errors + " S_Error: " + ErrorCodes.describe(errorsByCode));
        }
        if (config.maxP99Millis() > 0 && chatLatency.getTotalCount() > 0
                && chatLatency.getValueAtPercentile(99) / 1000.0 > config.maxP99Millis()) {
            out.add("chat latency p99 " + Range.number(chatLatency.getValueAtPercentile(99) / 1000.0)
                    + " ms is above --max-p99 " + Range.number(config.maxP99Millis()) + " ms");
        }
        if (config.attack().any()) {
            long ghosts = count(Counter.ATTACKERS_IN_VIEW);
            if (ghosts != 0) {
                out.add("players still saw " + ghosts + " attackers in their rooms after every attacker had gone");
            }
            for (AttackResult attack : attacks) {
                out.addAll(attack.failures());
            }
        }
        if (config.mode() == Mode.ECHO) {
            long unanswered = count(Counter.PINGS_SENT) - count(Counter.PONGS) - count(Counter.PINGS_DROPPED);
            if (unanswered > 0) {
                out.add(unanswered + " pings were never answered");
            }
        } else {
            long lost = count(Counter.CHATS_SENT) - count(Counter.CHATS_ECHOED);
            if (lost > 0) {
                out.add(lost + " chats never came back to their sender");
            }
            predicted(out, "chat", Counter.CHAT_DELIVERIES, Counter.CHAT_PREDICTED);
            predicted(out, "move", Counter.MOVE_DELIVERIES, Counter.MOVE_PREDICTED);
        }
        return out;
    }

    private void notZero(List<String> out, Counter counter, String words) {
        if (count(counter) > 0) {
            out.add(count(counter) + words);
        }
    }

    private void predicted(List<String> out, String what, Counter delivered, Counter predicted) {
        if (count(delivered) != count(predicted)) {
            out.add(what + " deliveries " + count(delivered) + " != " + count(predicted)
                    + " that the room sizes predict");
        }
    }

    /** {@code A x1, B x2}: counts by key, in the map's order. */
    private static <K> String describe(Map<K, Long> counts, Function<K, String> name) {
        StringJoiner out = new StringJoiner(", ");
        counts.forEach((key, n) -> out.add(name.apply(key) + " x" + n));
        return out.toString();
    }

    private static String first(List<String> samples) {
        return samples.isEmpty() ? "" : " (first: " + samples.get(0) + ")";
    }

    /** The phases of a run on the run's clock: ramp, load (its first {@code calmNanos} without attacks), drain. */
    public record Timeline(long rampNanos, long loadNanos, long drainNanos, long calmNanos) {
    }
}
