package io.servercore.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One step of the chat climb: the rate asked, what was delivered and how late, and whether it
 * passes: the worst steady second's p99 under the budget, nothing lost, and the swarm sent
 * what was asked.
 *
 * <p>"Nothing lost" is the swarm's delivery check: every chat sent came back to its sender,
 * deliveries equal what the room sizes predict, no gap or disorder in any sender's chats, no
 * chat held back because the server stopped reading, no session dropped, no S_Error, and every
 * session in its room. Chats the swarm itself was too late to send are not losses but a
 * shortfall of the load, so the step fails if fewer than {@link #MIN_SENT_PERCENT} of the
 * chats asked were sent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rate        chats a second per session asked
 * @param asked       deliveries a second asked
 * @param delivered   deliveries a second, mean of the steady seconds
 * @param p50         ms, median of the steady seconds' p50
 * @param p99         ms, the worst steady second's p99
 * @param sentPercent chats sent of chats asked, steady seconds
 * @param lateSkipped chats the swarm was too late to send (all of the load)
 * @param cpuPerSecond the server's CPU seconds per second of the run
 * @param losses      what was lost, in words; empty when nothing was
 * @param budgetMs    the p99 the step must stay under
 */
record ChatStep(double rate, double asked, double delivered, double p50, double p99, double sentPercent,
                long lateSkipped, double cpuPerSecond, List<String> losses, double budgetMs) {
    /** Below this share of the chats asked actually sent, the step did not apply the load it names. */
    static final double MIN_SENT_PERCENT = 95;

    ChatStep {
        losses = List.copyOf(losses);
    }

    /** Reads a step off a chat run of {@code sessions} sessions asked to chat at {@code rate}. */
    static ChatStep of(SwarmRun r, Plan plan, double rate, double cpuPerSecond) {
        int warmUp = plan.warmUp();
        List<String> losses = new ArrayList<>();
        long sent = (long) r.figure("chats", "sent");
        lost(losses, "chats not back to their sender", sent - (long) r.figure("chats", "echoed"));
        long predicted = (long) r.figure("chats", "predicted");
        long delivered = (long) r.figure("chats", "delivered");
        if (delivered != predicted) {
            losses.add(String.format(Locale.ROOT, "%,d deliveries where the room sizes predict %,d", delivered,
                    predicted));
        }
        lost(losses, "gaps in a sender's chats", (long) r.figure("chats", "gaps"));
        lost(losses, "chats out of sender order", (long) r.figure("chats", "orderViolations"));
        lost(losses, "chats held back, server not reading", (long) r.figure("chats", "heldBack"));
        lost(losses, "sessions dropped", (long) r.figure("sessions", "disconnected"));
        lost(losses, "S_Error received", (long) r.sum("errors"));
        lost(losses, "sessions not in their room", plan.sessions() - (long) r.figure("sessions", "ready"));
        return new ChatStep(rate, plan.deliveriesAt(rate), r.steadyRate(warmUp), r.steadyP50(warmUp),
                r.steadyP99(warmUp), r.steadyAchieved(warmUp), (long) r.figure("chats", "lateSkipped"), cpuPerSecond,
                losses, plan.p99BudgetMs());
    }

    private static void lost(List<String> losses, String what, long n) {
        if (n != 0) {
            losses.add(String.format(Locale.ROOT, "%,d %s", n, what));
        }
    }

    /** Why the step fails, or empty when it passes. */
    List<String> failures() {
        List<String> out = new ArrayList<>();
        if (Double.isNaN(p99)) {
            out.add("no steady second measured");
        } else if (p99 >= budgetMs) {
            out.add(String.format(Locale.ROOT, "p99 %.1f ms", p99));
        }
        out.addAll(losses);
        if (!(sentPercent >= MIN_SENT_PERCENT)) {
            out.add(String.format(Locale.ROOT, "the swarm sent %.0f%% of the chats asked", sentPercent));
        }
        return out;
    }

    boolean passed() {
        return failures().isEmpty();
    }

    /** The curve's cell: {@code 1,999,876/s, p50 1.20, p99 23.0 ms, ok} or the reasons it failed. */
    String cell() {
        return String.format(Locale.ROOT, "%s/s, p50 %s, p99 %s ms, %s", Results.format(delivered),
                Results.format(p50), Results.format(p99), passed() ? "ok" : "failed: " + String.join("; ", failures()));
    }
}
