package io.servercore.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One dummyclient run in a JVM of its own against a server, read back from its {@code --json}
 * file and its progress lines. The swarm's exit status is not a verdict here: a saturated
 * server makes it report gaps and late sends, and those are exactly what the figures show.
 *
 * <p>The steady-state figures come from the one-a-second progress lines with the first seconds
 * of load left out: every JVM here, the swarm's included, starts cold, and its JIT warm-up
 * would otherwise decide the percentiles.
 *
 * <p>Immutable once read; the runner's thread.
 */
final class SwarmRun {
    private static final Pattern LOAD_LINE = Pattern.compile("^\\[\\s*\\d+s\\] load ");
    private static final Pattern ROUND_TRIPS = Pattern.compile("round trips (\\d+)/s");
    private static final Pattern CHATS = Pattern.compile("chats (\\d+)/s of (\\d+)/s \\| delivered (\\d+)/s");
    private static final Pattern P50 = Pattern.compile("p50 ([0-9.]+|-)");
    private static final Pattern P99 = Pattern.compile("p99 ([0-9.]+|-)");
    private static final Pattern FAILURES = Pattern.compile("\"failures\"\\s*:\\s*\\[(.*?)\\]\\s*,?\\s*\\n",
            Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One second of load: the rate (round trips or deliveries), chats sent and asked, the second's p50 and p99 in ms. */
    record Second(double rate, double sent, double asked, double p50, double p99) {
    }

    /** A swarm still running: its log can be watched while it runs; closing it ends it and its files. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final List<String> command;
        private final Path log;
        private final Path json;

        private Running(Process process, List<String> command, Path log, Path json) {
            this.process = process;
            this.command = command;
            this.log = log;
            this.json = json;
        }

        /** The progress lines of the load printed so far, parsed. */
        List<Second> secondsSoFar() throws IOException {
            return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Kills the swarm if it still runs and deletes its files: for a run abandoned on the way. */
        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            Files.deleteIfExists(log);
            Files.deleteIfExists(json);
        }

        /** Waits for the end and reads the figures; kills the swarm after {@code timeoutSeconds}. */
        SwarmRun finish(long timeoutSeconds) throws IOException, InterruptedException {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IOException("the swarm did not finish in " + timeoutSeconds + " s: " + command);
                }
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                String text = Files.readString(json, StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    throw new IOException("the swarm wrote no figures (exit " + process.exitValue() + "): " + command
                            + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
                }
                return of(text, lines, process.exitValue());
            } finally {
                Files.deleteIfExists(log);
                Files.deleteIfExists(json);
            }
        }
    }

    private final String json;
    private final List<Second> seconds;
    private final int exitStatus;

    private SwarmRun(String json, List<Second> seconds, int exitStatus) {
        this.json = json;
        this.seconds = seconds;
        this.exitStatus = exitStatus;
    }

    /** A run read from its JSON and its output lines (for tests, and {@link Running#finish}). */
    static SwarmRun of(String json, List<String> lines, int exitStatus) {
        return new SwarmRun(json, parse(lines), exitStatus);
    }

    /** Starts the swarm: {@code javaAndJar} then the address, the JSON file, and {@code args}. */
    static Running start(List<String> javaAndJar, int port, List<String> args) throws IOException {
        Path json = Files.createTempFile("swarm", ".json");
        Path log = Files.createTempFile("swarm", ".log");
        List<String> command = new ArrayList<>(javaAndJar);
        command.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--json", json.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Running(process, command, log, json);
    }

    static SwarmRun run(List<String> javaAndJar, int port, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        return start(javaAndJar, port, args).finish(timeoutSeconds);
    }

    /** The load's progress lines among {@code lines}, parsed; other lines are left out. */
    static List<Second> parse(List<String> lines) {
        List<Second> out = new ArrayList<>();
        for (String line : lines) {
            if (!LOAD_LINE.matcher(line).find()) {
                continue;
            }
            Matcher trips = ROUND_TRIPS.matcher(line);
            Matcher chats = CHATS.matcher(line);
            double p50 = millis(P50.matcher(line));
            double p99 = millis(P99.matcher(line));
            if (trips.find()) {
                out.add(new Second(Double.parseDouble(trips.group(1)), 0, 0, p50, p99));
            } else if (chats.find()) {
                out.add(new Second(Double.parseDouble(chats.group(3)), Double.parseDouble(chats.group(1)),
                        Double.parseDouble(chats.group(2)), p50, p99));
            }
        }
        return out;
    }

    private static double millis(Matcher m) {
        return m.find() && !m.group(1).equals("-") ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    List<Second> seconds() {
        return seconds;
    }

    int exitStatus() {
        return exitStatus;
    }

    /** The seconds of load after the first {@code warmUp}; the last (partial) second is left out too. */
    List<Second> steady(int warmUp) {
        return steadyOf(seconds, warmUp);
    }

    static List<Second> steadyOf(List<Second> seconds, int warmUp) {
        int end = Math.max(0, seconds.size() - 1);
        return seconds.subList(Math.min(warmUp, end), end);
    }

    /** Mean rate over the steady seconds. */
    double steadyRate(int warmUp) {
        return steady(warmUp).stream().mapToDouble(Second::rate).average().orElse(Double.NaN);
    }

    /** The worst second's p99 over the steady seconds: what "sustained under the budget" must hold for. */
    double steadyP99(int warmUp) {
        return steady(warmUp).stream().mapToDouble(Second::p99).max().orElse(Double.NaN);
    }

    /** The median of the steady seconds' p99s. */
    double steadyMedianP99(int warmUp) {
        return Results.median(steady(warmUp).stream().map(Second::p99).toList());
    }

    /** The median of the steady seconds' p50s. */
    double steadyP50(int warmUp) {
        return Results.median(steady(warmUp).stream().map(Second::p50).toList());
    }

    /** Chats sent over chats asked, in percent, over the steady seconds. */
    double steadyAchieved(int warmUp) {
        double sent = steady(warmUp).stream().mapToDouble(Second::sent).sum();
        double asked = steady(warmUp).stream().mapToDouble(Second::asked).sum();
        return asked == 0 ? Double.NaN : 100 * sent / asked;
    }

    /** A number from a flat section of the JSON, e.g. {@code figure("echo", "roundTrips")}; NaN for null. */
    double figure(String section, String name) {
        Matcher s = section(section);
        if (!s.find()) {
            throw new IllegalStateException("no section " + section + " in " + json);
        }
        Matcher f = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?[0-9.eE+]+|null)").matcher(s.group(1));
        if (!f.find()) {
            throw new IllegalStateException("no figure " + section + "." + name + " in " + s.group(1));
        }
        return f.group(1).equals("null") ? Double.NaN : Double.parseDouble(f.group(1));
    }

    /** The sum of every number in a flat section (such as {@code errors}, by code); 0 when it is absent. */
    double sum(String section) {
        Matcher s = section(section);
        double total = 0;
        if (s.find()) {
            Matcher n = Pattern.compile(":\\s*(-?[0-9.eE+]+)").matcher(s.group(1));
            while (n.find()) {
                total += Double.parseDouble(n.group(1));
            }
        }
        return total;
    }

    private Matcher section(String section) {
        return Pattern.compile("\"" + Pattern.quote(section) + "\"\\s*:\\s*\\{([^}]*)\\}").matcher(json);
    }

    /** The swarm's reasons for calling the run a failure, in its words. */
    List<String> failures() {
        List<String> out = new ArrayList<>();
        Matcher array = FAILURES.matcher(json);
        if (array.find()) {
            Matcher q = QUOTED.matcher(array.group(1));
            while (q.find()) {
                out.add(q.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
        }
        return out;
    }
}
