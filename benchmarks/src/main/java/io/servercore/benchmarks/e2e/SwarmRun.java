package io.servercore.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One dummyclient run, read back from its {@code --json} file and its progress lines (its JSON
 * has no per-second figures). Its seconds are read off the one-a-second progress lines; the last
 * one is partial and left out of the steady ones.
 *
 * <p>Immutable once read; the runner's thread.
 */
final class SwarmRun implements LoadRun {
    private static final Pattern LOAD_LINE = Pattern.compile("^\\[\\s*\\d+s\\] load ");
    private static final Pattern ROUND_TRIPS = Pattern.compile("round trips (\\d+)/s");
    private static final Pattern CHATS = Pattern.compile("chats (\\d+)/s of (\\d+)/s \\| delivered (\\d+)/s");
    private static final Pattern P50 = Pattern.compile("p50 ([0-9.]+|-)");
    private static final Pattern P99 = Pattern.compile("p99 ([0-9.]+|-)");
    private static final Pattern FAILURES = Pattern.compile("\"failures\"\\s*:\\s*\\[(.*?)\\]\\s*,?\\s*\\n",
            Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String json;
    private final List<Second> seconds;
    private final int exitStatus;

    private SwarmRun(String json, List<Second> seconds, int exitStatus) {
        this.json = json;
        this.seconds = seconds;
        this.exitStatus = exitStatus;
    }

    /** A run read from its JSON and its output lines (for tests, and {@link GeneratorProcess#finish}). */
    static SwarmRun of(String json, List<String> lines, int exitStatus) {
        return new SwarmRun(json, parse(lines), exitStatus);
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
                out.add(new Second(Double.parseDouble(trips.group(1)), 0, 0, p50, p99, Double.NaN, Double.NaN));
            } else if (chats.find()) {
                out.add(new Second(Double.parseDouble(chats.group(3)), Double.parseDouble(chats.group(1)),
                        Double.parseDouble(chats.group(2)), p50, p99, Double.NaN, Double.NaN));
            }
        }
        return out;
    }

    private static double millis(Matcher m) {
        return m.find() && !m.group(1).equals("-") ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Override
    public List<Second> seconds() {
        return seconds;
    }

    @Override
    public int exitStatus() {
        return exitStatus;
    }

    /** The seconds of load after the first {@code warmUp}; the last (partial) second is left out too. */
    @Override
    public List<Second> steady(int warmUp) {
        return steadyOf(seconds, warmUp);
    }

    static List<Second> steadyOf(List<Second> seconds, int warmUp) {
        int end = Math.max(0, seconds.size() - 1);
        return seconds.subList(Math.min(warmUp, end), end);
    }

    @Override
    public double roundTrips() {
        return figure("echo", "roundTrips");
    }

    @Override
    public long lateSkipped() {
        return (long) figure("chats", "lateSkipped");
    }

    /**
     * The swarm's delivery check: every chat sent came back to its sender, deliveries equal what
     * the room sizes predict, no gap or disorder in any sender's chats, no chat held back because
     * the server stopped reading, no session dropped, no S_Error, and every session in its room.
     */
    @Override
    public List<String> chatLosses(int sessions) {
        List<String> losses = new ArrayList<>();
        long sent = (long) figure("chats", "sent");
        LoadRun.lost(losses, "chats not back to their sender", sent - (long) figure("chats", "echoed"));
        long predicted = (long) figure("chats", "predicted");
        long delivered = (long) figure("chats", "delivered");
        if (delivered != predicted) {
            losses.add(String.format(Locale.ROOT, "%,d deliveries where the room sizes predict %,d", delivered,
                    predicted));
        }
        LoadRun.lost(losses, "gaps in a sender's chats", (long) figure("chats", "gaps"));
        LoadRun.lost(losses, "chats out of sender order", (long) figure("chats", "orderViolations"));
        LoadRun.lost(losses, "chats held back, server not reading", (long) figure("chats", "heldBack"));
        LoadRun.lost(losses, "sessions dropped", (long) figure("sessions", "disconnected"));
        LoadRun.lost(losses, "S_Error received", (long) sum("errors"));
        LoadRun.lost(losses, "sessions not in their room", sessions - (long) figure("sessions", "ready"));
        return losses;
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
    @Override
    public List<String> failures() {
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
