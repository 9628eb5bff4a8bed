package io.servercore.benchmarks.e2e;

import io.servercore.benchmarks.e2e.Results.Better;
import io.servercore.benchmarks.e2e.Results.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chat scenarios: the sessions dealt into rooms of {@link Plan#roomSize()}, each chatting
 * at a fixed rate (chats of {@link Plan#payload()} bytes, no moves or pings), each on a fresh
 * server JVM warmed up by an unmeasured run at the light rate.
 *
 * <ul>
 *   <li>The climb tries the plan's rates, rising, each in a generator run of its own, and keeps the
 *       deliveries of the highest step such that it and every step below it passed
 *       ({@link ChatStep}): "sustained" has to hold all the way up. It stops
 *       {@link Plan#pastFailure()} steps after the first that fails; those steps still show
 *       on the curve.
 *   <li>The light load is one run at {@link Plan#lightRate()}: latency at the load a game
 *       actually runs at.
 * </ul>
 *
 * <p>Stateless; the runner's thread.
 */
final class ChatScenarios {
    private ChatScenarios() {
    }

    static String rooms(Plan plan) {
        return String.format(Locale.ROOT, "%d %s of %d", plan.rooms(), plan.rooms() == 1 ? "room" : "rooms",
                plan.sessions() / plan.rooms());
    }

    static String climbName(Plan plan) {
        return "chat, " + rooms(plan) + ", " + plan.payload() + "-byte chats, rising rate";
    }

    static String lightName(Plan plan) {
        return String.format(Locale.ROOT, "chat at light load, %s, %s chats/s each (%,.0f deliveries/s asked)",
                rooms(plan), Harness.fmt(plan.lightRate()), plan.deliveriesAt(plan.lightRate()));
    }

    static Row sustainedRow(Plan plan) {
        return new Row(climbName(plan), String.format(Locale.ROOT, "deliveries sustained, p99 < %s ms and nothing "
                + "lost", Harness.fmt(plan.p99BudgetMs())), "/s", Better.MORE);
    }

    /** The light load's main latency: the delivery latency, or with dummyclient the own echo, the one it times. */
    static Row lightP50(Plan plan) {
        return new Row(lightName(plan), plan.generator().chatLatency() + " p50, median second", "ms", Better.LESS);
    }

    static Row lightP99(Plan plan) {
        return new Row(lightName(plan), plan.generator().chatLatency() + " p99, worst second", "ms", Better.LESS);
    }

    static Load at(Plan plan, double rate) {
        return Load.chat(plan, rate);
    }

    static void climb(Harness h, ServerSpec spec) throws IOException, InterruptedException {
        Plan plan = h.plan;
        List<ChatStep> steps = new ArrayList<>();
        try (ServerProcess s = h.startMeasuredServer(spec)) {
            h.warmUp(s, at(plan, plan.lightRate()));
            int failedAt = -1;
            for (int i = 0; i < plan.chatRates().size() && s.isAlive(); i++) {
                double rate = plan.chatRates().get(i);
                double cpuBefore = s.cpuSeconds();
                long start = System.nanoTime();
                LoadRun r = h.measure(s, at(plan, rate));
                double cpuPerSecond = (s.cpuSeconds() - cpuBefore) / ((System.nanoTime() - start) / 1e9);
                ChatStep step = ChatStep.of(r, plan, rate, cpuPerSecond);
                steps.add(step);
                h.out.printf("  %s: chat at %s chats/s each (%,.0f deliveries/s asked): %s%n", spec.name(),
                        Harness.fmt(rate), step.asked(), step.cell());
                if (!step.passed() && failedAt < 0) {
                    failedAt = i;
                }
                if (failedAt >= 0 && i - failedAt >= plan.pastFailure()) {
                    break;
                }
            }
            h.profile(s, Scenario.CHAT_CLIMB);
            if (!s.isAlive()) {
                h.notes.add(h.when() + ", " + spec.name() + ", " + climbName(plan) + ": the server exited"
                        + " during the climb: " + String.join(" / ", tail(s.output())));
            }
        }
        ChatCurves.Climb climb = new ChatCurves.Climb(h.round, steps);
        h.curves.add(spec.name(), climb);
        ChatStep best = climb.sustained();
        String name = spec.name();
        h.table.add(sustainedRow(plan), name, climb.sustainedDeliveries());
        h.table.add(new Row(climbName(plan), "chats/s per session at that step", "/s", Better.NEITHER), name,
                best == null ? Double.NaN : best.rate());
        h.table.add(new Row(climbName(plan), plan.generator().chatLatency() + " p99 at that step, worst second", "ms",
                Better.NEITHER), name, best == null ? Double.NaN : best.p99());
        if (plan.generator() == Generator.NEUTRAL) {
            h.table.add(new Row(climbName(plan), "own-echo latency p99 at that step, worst second", "ms",
                    Better.NEITHER), name, best == null ? Double.NaN : best.echoP99());
        }
        h.table.add(new Row(climbName(plan), "deliveries per second of server CPU at that step", "/cpu-s",
                Better.MORE), name, best == null ? Double.NaN : best.delivered() / best.cpuPerSecond());
        ChatStep most = steps.stream().max((a, b) -> Double.compare(a.delivered(), b.delivered())).orElse(null);
        h.table.add(new Row(climbName(plan), "most deliveries at any step, lost or late", "/s", Better.NEITHER), name,
                most == null ? Double.NaN : most.delivered());
        h.out.printf("  %s: sustained %s deliveries/s%n", name, Results.format(climb.sustainedDeliveries()));
    }

    static void light(Harness h, ServerSpec spec) throws IOException, InterruptedException {
        Plan plan = h.plan;
        String scenario = lightName(plan);
        try (ServerProcess s = h.startMeasuredServer(spec)) {
            Load load = at(plan, plan.lightRate());
            h.warmUp(s, load);
            double cpuBefore = s.cpuSeconds();
            long start = System.nanoTime();
            LoadRun r = h.measure(s, load);
            double busy = 100 * (s.cpuSeconds() - cpuBefore) / ((System.nanoTime() - start) / 1e9);
            h.note(spec, scenario, r);
            ChatStep step = ChatStep.of(r, plan, plan.lightRate(), busy / 100);
            h.out.printf("  %s: %s: %s, server core %.0f%%%n", spec.name(), scenario, step.cell(), busy);
            h.table.add(new Row(scenario, "deliveries", "/s", Better.NEITHER), spec.name(), step.delivered());
            h.table.add(lightP50(plan), spec.name(), step.p50());
            h.table.add(lightP99(plan), spec.name(), step.p99());
            h.table.add(new Row(scenario, plan.generator().chatLatency() + " p99, median second", "ms", Better.LESS),
                    spec.name(), r.steadyMedianP99(plan.warmUp()));
            if (plan.generator() == Generator.NEUTRAL) {
                h.table.add(new Row(scenario, "own-echo latency p50, median second", "ms", Better.LESS), spec.name(),
                        r.steadyEchoP50(plan.warmUp()));
                h.table.add(new Row(scenario, "own-echo latency p99, worst second", "ms", Better.LESS), spec.name(),
                        step.echoP99());
                h.table.add(new Row(scenario, "load generator's send lag p99, all steady sends (in the latencies)",
                        "ms", Better.NEITHER), spec.name(), r.sendLagP99());
            }
            h.table.add(new Row(scenario, "server core busy, whole run", "%", Better.LESS), spec.name(), busy);
            h.profile(s, Scenario.CHAT_LIGHT);
        }
    }

    static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 5), lines.size());
    }
}
