package io.servercore.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Syscalls per delivery: {@code strace -c -f} on the server process for
 * {@link Plan#straceSeconds()} in the middle of a chat run at the light rate, in a run of its
 * own (strace stops the process at every syscall, so nothing else is measured in it). The
 * deliveries in the window are the mean of the load generator's progress lines printed while
 * strace watched, times the window.
 *
 * <p>Not thread-safe; the runner's thread.
 */
final class Syscalls {
    /** The syscalls reported, in this order; the total counts all. */
    static final List<String> WATCHED = List.of("writev", "write", "epoll_ctl", "epoll_wait", "read");
    static final String STRACE = "/usr/bin/strace";

    /** One server's window. */
    record Window(StraceSummary summary, double seconds, double deliveriesPerSecond) {
        double deliveries() {
            return seconds * deliveriesPerSecond;
        }

        /** Calls per 1,000 deliveries. */
        double perThousand(long calls) {
            return 1000.0 * calls / deliveries();
        }
    }

    private final Map<String, Window> windows = new LinkedHashMap<>();

    boolean isEmpty() {
        return windows.isEmpty();
    }

    void run(Harness h, ServerSpec spec) throws IOException, InterruptedException {
        Plan plan = h.plan;
        Load load = ChatScenarios.at(plan, plan.lightRate());
        try (ServerProcess s = h.startServer(spec)) {
            h.warmUp(s, load);
            int duration = plan.warmUp() + plan.straceSeconds() + 3;
            Path out = Files.createTempFile("strace", ".txt");
            try (GeneratorProcess generator = h.start(s, load, duration, plan.warmUp())) {
                int before = awaitSeconds(generator, Math.max(1, plan.warmUp()), duration + 60);
                long start = System.nanoTime();
                Process strace = new ProcessBuilder("timeout", "-s", "INT", String.valueOf(plan.straceSeconds()),
                        STRACE, "-c", "-f", "-p", String.valueOf(s.pid()), "-o", out.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!strace.waitFor(plan.straceSeconds() + 60, TimeUnit.SECONDS)) {
                    strace.destroyForcibly();
                    throw new IOException("strace did not end");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                int after = generator.secondsSoFar().size();
                LoadRun r = generator.finish(duration + 120);
                h.note(spec, "syscalls (strace)", r);
                List<LoadRun.Second> all = r.seconds();
                List<LoadRun.Second> during = all.subList(Math.min(before, all.size()),
                        Math.max(Math.min(after, all.size()), Math.min(before + 1, all.size())));
                double rate = during.stream().mapToDouble(LoadRun.Second::rate).average().orElse(Double.NaN);
                StraceSummary summary = StraceSummary.parse(Files.readAllLines(out, StandardCharsets.UTF_8));
                if (summary.total() == 0) {
                    throw new IOException("strace counted nothing on " + spec.name() + " (pid " + s.pid() + ")");
                }
                Window w = new Window(summary, seconds, rate);
                windows.put(spec.name(), w);
                h.out.printf("  %s: syscalls over %.1f s at %,.0f deliveries/s: %s%n", spec.name(), seconds, rate,
                        perThousand(w));
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    /** Waits until the generator has printed {@code n} seconds of load; returns how many it has. */
    private static int awaitSeconds(GeneratorProcess generator, int n, long timeoutSeconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            int have = generator.secondsSoFar().size();
            if (have >= n) {
                return have;
            }
            if (!generator.isAlive()) {
                throw new IOException("the load generator ended before " + n + " seconds of load");
            }
            Thread.sleep(50);
        }
        throw new IOException("no " + n + " seconds of load from the load generator in " + timeoutSeconds + " s");
    }

    private static String perThousand(Window w) {
        List<String> parts = new ArrayList<>();
        for (String call : WATCHED) {
            parts.add(String.format(Locale.ROOT, "%s %.1f", call, w.perThousand(w.summary().calls(call))));
        }
        parts.add(String.format(Locale.ROOT, "all %.1f per 1,000 deliveries", w.perThousand(w.summary().total())));
        return String.join(", ", parts);
    }

    /** The section of the results file: per server, calls per 1,000 deliveries, and the raw counts. */
    String markdown(Plan plan) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Each server in a run of its own at %s chats/s"
                + " per session (%,.0f deliveries/s asked), `strace -c -f -p PID` for %d s once %d s of load had"
                + " passed; deliveries in the window are the mean of the generator's seconds printed during it, times"
                + " the window. strace stops the server at every syscall, so it serves fewer deliveries than"
                + " unwatched, and batches more per call: compare the servers with each other, not with the"
                + " table above.%n%n", Harness.fmt(plan.lightRate()), plan.deliveriesAt(plan.lightRate()),
                plan.straceSeconds(), plan.warmUp()));
        md.append("| server | window (s) | deliveries/s in it |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|");
        for (String call : WATCHED) {
            md.append(' ').append(call).append(" per 1,000 deliveries |");
            rule.append("---:|");
        }
        md.append(" all syscalls per 1,000 deliveries | raw counts (errors) |\n").append(rule).append("---:|---|\n");
        for (Map.Entry<String, Window> e : windows.entrySet()) {
            Window w = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %s |", e.getKey(), w.seconds(),
                    Results.format(w.deliveriesPerSecond())));
            List<String> raw = new ArrayList<>();
            for (String call : WATCHED) {
                long n = w.summary().calls(call);
                md.append(String.format(Locale.ROOT, " %.1f |", w.perThousand(n)));
                long failed = w.summary().errors(call);
                raw.add(String.format(Locale.ROOT, "%s %,d%s", call, n, failed == 0 ? "" : " (" + failed + ")"));
            }
            raw.add(String.format(Locale.ROOT, "all %,d", w.summary().total()));
            md.append(String.format(Locale.ROOT, " %.1f | %s |%n", w.perThousand(w.summary().total()),
                    String.join(", ", raw)));
        }
        return md.toString();
    }
}
