package io.servercore.benchmarks.e2e;

import io.servercore.benchmarks.load.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the neutral generator ({@link io.servercore.benchmarks.load.NeutralLoad}), read
 * from its {@code --json} report; its progress lines are read only while it runs (for the
 * strace window). Its seconds are the load's seconds, each complete, and it marks its own
 * warm-up, which Compare asks to be the plan's.
 *
 * <p>Immutable once read; the runner's thread.
 */
final class NeutralRun implements LoadRun {
    private static final Pattern LINE = Pattern.compile("^\\[\\s*\\d+s\\] (?:warm-up|load)\\s+\\| ");
    private static final Pattern CHAT = Pattern.compile("sent (\\d+)/s of (\\d+)/s \\| delivered (\\d+)/s"
            + " \\| p50 (\\S+) ms \\| p99 (\\S+) ms \\| own echo p50 (\\S+) ms \\| p99 (\\S+) ms");
    private static final Pattern ECHO = Pattern.compile("round trips (\\d+)/s \\| p50 (\\S+) ms \\| p99 (\\S+) ms");

    private final Report report;
    private final List<Second> seconds;
    private final int exitStatus;

    private NeutralRun(Report report, int exitStatus) {
        this.report = report;
        this.exitStatus = exitStatus;
        List<Second> s = new ArrayList<>();
        for (Report.Second x : report.seconds()) {
            // sent and asked count chats; an echo run's pings are not a load asked of it
            s.add(new Second(x.rate(), report.isChat() ? x.sent() : 0, x.asked(), x.p50(), x.p99(), x.echoP50(),
                    x.echoP99()));
        }
        this.seconds = List.copyOf(s);
    }

    /** @throws IllegalArgumentException when {@code json} is not the generator's report */
    static NeutralRun of(String json, int exitStatus) {
        return new NeutralRun(Report.parse(json), exitStatus);
    }

    /** The progress lines among {@code lines}, parsed; other lines are left out. */
    static List<Second> parse(List<String> lines) {
        List<Second> out = new ArrayList<>();
        for (String line : lines) {
            if (!LINE.matcher(line).find()) {
                continue;
            }
            Matcher c = CHAT.matcher(line);
            Matcher e = ECHO.matcher(line);
            if (c.find()) {
                out.add(new Second(Double.parseDouble(c.group(3)), Double.parseDouble(c.group(1)),
                        Double.parseDouble(c.group(2)), ms(c.group(4)), ms(c.group(5)), ms(c.group(6)),
                        ms(c.group(7))));
            } else if (e.find()) {
                out.add(new Second(Double.parseDouble(e.group(1)), 0, 0, ms(e.group(2)), ms(e.group(3)), Double.NaN,
                        Double.NaN));
            }
        }
        return out;
    }

    private static double ms(String v) {
        return v.equals("-") ? Double.NaN : Double.parseDouble(v);
    }

    Report report() {
        return report;
    }

    @Override
    public List<Second> seconds() {
        return seconds;
    }

    @Override
    public List<Second> steady(int warmUp) {
        return seconds.subList(Math.min(warmUp, seconds.size()), seconds.size());
    }

    @Override
    public double sendLagP99() {
        return report.steady().sendLag().p99();
    }

    @Override
    public double windowP99() {
        return report.steady().latency().p99();
    }

    @Override
    public double roundTrips() {
        return report.totals().roundTrips();
    }

    @Override
    public long lateSkipped() {
        return 0;
    }

    @Override
    public List<String> chatLosses(int sessions) {
        Report.Totals t = report.totals();
        List<String> losses = new ArrayList<>();
        LoadRun.lost(losses, "chats not back to their sender", t.sent() - t.echoed());
        if (t.delivered() != t.predicted()) {
            losses.add(String.format(Locale.ROOT, "%,d deliveries where the room sizes predict %,d", t.delivered(),
                    t.predicted()));
        }
        LoadRun.lost(losses, "gaps in a sender's chats", t.gaps());
        LoadRun.lost(losses, "chats out of sender order", t.outOfOrder());
        LoadRun.lost(losses, "chats held back, server not reading", t.held());
        LoadRun.lost(losses, "sessions dropped", t.closed());
        LoadRun.lost(losses, "S_Error received", t.sErrors());
        LoadRun.lost(losses, "frames malformed or not the generator's", t.malformed() + t.foreign());
        LoadRun.lost(losses, "sessions not in their room", sessions - t.ready());
        return losses;
    }

    @Override
    public List<String> failures() {
        return report.failures();
    }

    @Override
    public int exitStatus() {
        return exitStatus;
    }
}
