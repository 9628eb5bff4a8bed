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
 * would otherwise decide the p99.
 *
 * <p>Stateless; the runner's thread.
 */
final class SwarmRun {
    private static final Pattern LOAD_LINE = Pattern.compile("^\\[\\s*\\d+s\\] load ");
    private static final Pattern ROUND_TRIPS = Pattern.compile("round trips (\\d+)/s");
    private static final Pattern CHATS = Pattern.compile("chats (\\d+)/s of (\\d+)/s \\| delivered (\\d+)/s");
    private static final Pattern P99 = Pattern.compile("p99 ([0-9.]+) ms");

    /** One second of load: the rate (round trips or deliveries), chats sent and asked, the second's p99. */
    record Second(double rate, double sent, double asked, double p99) {
    }

    private final String json;
    private final List<Second> seconds;

    private SwarmRun(String json, List<Second> seconds) {
        this.json = json;
        this.seconds = seconds;
    }

    static SwarmRun run(List<String> javaAndJar, int port, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("swarm", ".json");
        List<String> command = new ArrayList<>(javaAndJar);
        command.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--json", out.toString()));
        command.addAll(args);
        Path log = Files.createTempFile("swarm", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the swarm did not finish in " + timeoutSeconds + " s: " + command);
        }
        List<Second> seconds = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (LOAD_LINE.matcher(line).find()) {
                Matcher trips = ROUND_TRIPS.matcher(line);
                Matcher chats = CHATS.matcher(line);
                Matcher p99 = P99.matcher(line);
                double q = p99.find() ? Double.parseDouble(p99.group(1)) : Double.NaN;
                if (trips.find()) {
                    seconds.add(new Second(Double.parseDouble(trips.group(1)), 0, 0, q));
                } else if (chats.find()) {
                    seconds.add(new Second(Double.parseDouble(chats.group(3)), Double.parseDouble(chats.group(1)),
                            Double.parseDouble(chats.group(2)), q));
                }
            }
        }
        Files.deleteIfExists(log);
        String json = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        if (json.isBlank()) {
            throw new IOException("the swarm wrote no figures (exit " + process.exitValue() + "): " + command);
        }
        return new SwarmRun(json, seconds);
    }

    /** The seconds of load after the first {@code warmUp}; the last (partial) second is left out too. */
    List<Second> steady(int warmUp) {
        int end = Math.max(warmUp, seconds.size() - 1);
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

    /** Chats sent over chats asked, in percent, over the steady seconds. */
    double steadyAchieved(int warmUp) {
        double sent = steady(warmUp).stream().mapToDouble(Second::sent).sum();
        double asked = steady(warmUp).stream().mapToDouble(Second::asked).sum();
        return asked == 0 ? Double.NaN : 100 * sent / asked;
    }

    /** A number from a flat section of the JSON, e.g. {@code figure("echo", "roundTripsPerSecond")}. */
    double figure(String section, String name) {
        Matcher s = Pattern.compile("\"" + section + "\"\\s*:\\s*\\{([^}]*)\\}").matcher(json);
        if (!s.find()) {
            throw new IllegalStateException("no section " + section + " in " + json);
        }
        Matcher f = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?[0-9.eE+]+)").matcher(s.group(1));
        if (!f.find()) {
            throw new IllegalStateException("no figure " + section + "." + name + " in " + s.group(1));
        }
        return Double.parseDouble(f.group(1));
    }
}
