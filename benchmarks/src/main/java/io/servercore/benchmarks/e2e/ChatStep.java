package io.servercore.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One step of the chat climb: the rate asked, what was delivered and how late, and whether it
 * passes: the p99 over all its steady seconds together under the budget (with a generator that
 * reports none, the worst second's), nothing lost, and the load generator sent what was asked. The p99 is the run's main chat latency: the delivery latency with the
 * neutral generator, the own echo with dummyclient ({@link Generator#chatLatency()}).
 *
 * <p>"Nothing lost" is the generator's delivery check ({@link LoadRun#chatLosses}): every chat
 * sent came back to its sender, deliveries equal what the room sizes predict, no gap or disorder
 * in any sender's chats, no chat held back because the server stopped reading, no session
 * dropped, no S_Error, and every session in its room. Chats the generator did not send are not
 * losses but a shortfall of the load, so the step fails if fewer than {@link #MIN_SENT_PERCENT}
 * of the chats asked were sent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rate        chats a second per session asked
 * @param asked       deliveries a second asked
 * @param delivered   deliveries a second, mean of the steady seconds
 * @param p50         ms, median of the steady seconds' p50
 * @param p99         ms, the worst steady second's p99
 * @param windowP99   ms, the p99 over all steady seconds together; NaN where the generator reports none
 * @param echoP99     ms, the worst steady second's own-echo p99; NaN where the generator does not time it apart
 * @param sentPercent chats sent of chats asked, steady seconds
 * @param lateSkipped chats the generator skipped for being late (all of the load; the neutral one skips none)
 * @param cpuPerSecond the server's CPU seconds per second of the run
 * @param losses      what was lost, in words; empty when nothing was
 * @param budgetMs    the p99 the step must stay under
 */
record ChatStep(double rate, double asked, double delivered, double p50, double p99, double windowP99, double echoP99,
                double sentPercent,
                long lateSkipped, double cpuPerSecond, List<String> losses, double budgetMs) {
    /** Below this share of the chats asked actually sent, the step did not apply the load it names. */
    static final double MIN_SENT_PERCENT = 95;

    ChatStep {
        losses = List.copyOf(losses);
    }

    /** Reads a step off a chat run asked to chat at {@code rate} chats a second per session. */
    static ChatStep of(LoadRun r, Plan plan, double rate, double cpuPerSecond) {
        int warmUp = plan.warmUp();
        return new ChatStep(rate, plan.deliveriesAt(rate), r.steadyRate(warmUp), r.steadyP50(warmUp),
                r.steadyP99(warmUp), r.windowP99(), r.steadyEchoP99(warmUp), r.steadyAchieved(warmUp),
                r.lateSkipped(), cpuPerSecond, r.chatLosses(plan.sessions()), plan.p99BudgetMs());
    }

    /** Why the step fails, or empty when it passes. */
    List<String> failures() {
        List<String> out = new ArrayList<>();
        double held = verdictP99();
        if (Double.isNaN(held)) {
            out.add("no steady second measured");
        } else if (held >= budgetMs) {
            out.add(String.format(Locale.ROOT, "p99 %.1f ms", held));
        }
        out.addAll(losses);
        if (!(sentPercent >= MIN_SENT_PERCENT)) {
            out.add(String.format(Locale.ROOT, "the load generator sent %.0f%% of the chats asked", sentPercent));
        }
        return out;
    }

    /** The p99 the budget holds: the whole window's where the generator reports it, else the worst second's. */
    double verdictP99() {
        return Double.isNaN(windowP99) || Double.isNaN(p99) ? p99 : windowP99;
    }

    boolean passed() {
        return failures().isEmpty();
    }

    /**
     * The curve's cell: {@code 1,999,876/s, p50 1.20, p99 18.2 (worst second 23.0) ms (own echo p99
     * 20.1), ok} or the reasons it failed; the window's p99 and the own echo only where measured.
     */
    String cell() {
        return String.format(Locale.ROOT, "%s/s, p50 %s, p99 %s ms%s, %s", Results.format(delivered),
                Results.format(p50), Double.isNaN(windowP99) ? Results.format(p99)
                        : Results.format(windowP99) + " (worst second " + Results.format(p99) + ")",
                Double.isNaN(echoP99) ? ""
                        : " (own echo p99 " + Results.format(echoP99) + ")",
                passed() ? "ok" : "failed: " + String.join("; ", failures()));
    }
}
