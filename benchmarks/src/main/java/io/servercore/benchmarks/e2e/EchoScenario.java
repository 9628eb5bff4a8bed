package io.servercore.benchmarks.e2e;

import io.servercore.benchmarks.e2e.Results.Better;
import io.servercore.benchmarks.e2e.Results.Row;
import java.io.IOException;
import java.util.Locale;

/**
 * Echo: every session keeps {@code window} C_Pings in flight and sends the next as each S_Pong
 * arrives, on a fresh server JVM warmed up by an unmeasured run of the same. Figures: round
 * trips a second, the median and the worst second's percentiles, round trips per second of the
 * server's CPU, and how busy the server's core was.
 *
 * <p>Stateless; the runner's thread.
 */
final class EchoScenario {
    private EchoScenario() {
    }

    static String name(Plan plan, int window) {
        return "echo, " + String.format(Locale.ROOT, "%,d", plan.sessions()) + " sessions, " + window + " in flight each";
    }

    static Row roundTrips(Plan plan, int window) {
        return new Row(name(plan, window), "round trips", "/s", Better.MORE);
    }

    static void run(Harness h, ServerSpec spec, int window) throws IOException, InterruptedException {
        Plan plan = h.plan;
        String scenario = name(plan, window);
        Load load = Load.echo(plan, window);
        try (ServerProcess s = h.startMeasuredServer(spec)) {
            h.warmUp(s, load);
            double cpuBefore = s.cpuSeconds();
            long start = System.nanoTime();
            LoadRun r = h.measure(s, load);
            double cpu = s.cpuSeconds() - cpuBefore;
            double wall = (System.nanoTime() - start) / 1e9;
            h.note(spec, scenario, r);
            double trips = r.steadyRate(plan.warmUp());
            double p50 = r.steadyP50(plan.warmUp());
            double p99 = r.steadyP99(plan.warmUp());
            double perCpu = r.roundTrips() / cpu;
            h.out.printf("  %s: %s: %,.0f round trips/s, p50 %.2f ms, worst second's p99 %.2f ms, server core %.0f%%%n",
                    spec.name(), scenario, trips, p50, p99, 100 * cpu / wall);
            h.table.add(roundTrips(plan, window), spec.name(), trips);
            h.table.add(new Row(scenario, "round trip p50, median second", "ms", Better.LESS), spec.name(), p50);
            h.table.add(new Row(scenario, "round trip p99, worst second", "ms", Better.LESS), spec.name(), p99);
            h.table.add(new Row(scenario, "round trips per second of server CPU", "/cpu-s", Better.MORE), spec.name(),
                    perCpu);
            h.table.add(new Row(scenario, "server core busy, whole run", "%", Better.NEITHER), spec.name(),
                    100 * cpu / wall);
            h.profile(s, window == 16 ? Scenario.ECHO_16 : Scenario.ECHO_1);
        }
    }
}
