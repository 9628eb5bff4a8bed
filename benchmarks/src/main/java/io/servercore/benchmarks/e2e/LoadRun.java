package io.servercore.benchmarks.e2e;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one finished load-generator run, as the scenarios read them, whichever
 * {@link Generator} made them: its seconds of load and what it found lost or wrong.
 *
 * <p>The steady-state figures come from the one-a-second figures with the first seconds of load
 * left out: every JVM here, the generator's included, starts cold, and its JIT warm-up would
 * otherwise decide the percentiles. A generator's exit status is not a verdict: a saturated
 * server makes it report losses and late sends, and those are exactly what the figures show.
 *
 * <p>Implementations are immutable once read; the runner's thread.
 */
interface LoadRun {
    /**
     * One second of load: the rate (round trips, or deliveries with the senders' own copies), chats
     * sent and asked, the second's p50 and p99 in ms (a chat run's main latency, see
     * {@link Generator#chatLatency()}), and the senders' own copies' p50 and p99 where the
     * generator times them apart (else NaN).
     */
    record Second(double rate, double sent, double asked, double p50, double p99, double echoP50, double echoP99) {
    }

    List<Second> seconds();

    /** The seconds of load after the first {@code warmUp}, complete ones only. */
    List<Second> steady(int warmUp);

    /** Round trips over the whole run (echo). */
    double roundTrips();

    /** Chats the generator skipped because it was late (never, for a generator that sends late chats late). */
    long lateSkipped();

    /** What a chat run lost, in words: empty when every delivery arrived in order and nothing was refused. */
    List<String> chatLosses(int sessions);

    /** What the generator called wrong with the run, in its words. */
    List<String> failures();

    int exitStatus();

    /**
     * How late the generator's chats went out after their due time, p99 over the steady seconds,
     * in ms: counted into every latency, so a reader can tell the generator's share. NaN where
     * the generator does not measure it.
     */
    default double sendLagP99() {
        return Double.NaN;
    }

    /**
     * The p99 of the run's main latency over all its steady seconds together, in ms: what a chat
     * step's verdict holds to the budget, so that one stalled second among seven does not decide
     * it alone. NaN where the generator reports no such figure (the verdict then falls back to the
     * worst second's p99).
     */
    default double windowP99() {
        return Double.NaN;
    }

    /** Mean rate over the steady seconds. */
    default double steadyRate(int warmUp) {
        return steady(warmUp).stream().mapToDouble(Second::rate).average().orElse(Double.NaN);
    }

    /**
     * The worst second's p99 over the steady seconds: what "sustained under the budget" must hold
     * for. A second without a sample is left out: what it did not deliver arrives later, and is
     * timed from its due time there.
     */
    default double steadyP99(int warmUp) {
        return steady(warmUp).stream().mapToDouble(Second::p99).filter(v -> !Double.isNaN(v)).max()
                .orElse(Double.NaN);
    }

    /** The median of the steady seconds' p99s. */
    default double steadyMedianP99(int warmUp) {
        return Results.median(steady(warmUp).stream().map(Second::p99).toList());
    }

    /** The median of the steady seconds' p50s. */
    default double steadyP50(int warmUp) {
        return Results.median(steady(warmUp).stream().map(Second::p50).toList());
    }

    /** The median of the steady seconds' own-echo p50s; NaN where the generator does not time them apart. */
    default double steadyEchoP50(int warmUp) {
        return Results.median(steady(warmUp).stream().map(Second::echoP50).toList());
    }

    /** The worst steady second's own-echo p99; NaN where the generator does not time them apart. */
    default double steadyEchoP99(int warmUp) {
        return steady(warmUp).stream().mapToDouble(Second::echoP99).filter(v -> !Double.isNaN(v)).max()
                .orElse(Double.NaN);
    }

    /** Adds {@code n what} to {@code losses} unless {@code n} is 0. */
    static void lost(List<String> losses, String what, long n) {
        if (n != 0) {
            losses.add(String.format(Locale.ROOT, "%,d %s", n, what));
        }
    }

    /** Chats sent over chats asked, in percent, over the steady seconds. */
    default double steadyAchieved(int warmUp) {
        double sent = steady(warmUp).stream().mapToDouble(Second::sent).sum();
        double asked = steady(warmUp).stream().mapToDouble(Second::asked).sum();
        return asked == 0 ? Double.NaN : 100 * sent / asked;
    }
}
