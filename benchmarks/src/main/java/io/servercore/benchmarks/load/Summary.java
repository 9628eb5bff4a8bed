package io.servercore.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Report} of a run once it is over: totals, the steady seconds' figures, and what
 * went wrong in words.
 *
 * <p>Stateless; the generator's thread.
 */
final class Summary {
    private Summary() {
    }

    static Report of(LoadConfig c, Tally t, List<Report.Second> seconds, double drainMillis) {
        boolean chat = c.mode() == LoadConfig.Mode.CHAT;
        long lost = chat ? Math.max(0, t.predicted - t.delivered) : t.sent - t.roundTrips;
        Report.Totals totals = new Report.Totals(c.sessions(), t.ready, t.asked, t.sent, t.held, t.predicted,
                t.delivered, t.echoed, t.roundTrips, lost, t.outOfOrder, t.gaps, t.untracked, t.sErrors,
                t.errorsByCode(), t.closed, t.malformed, t.foreign, drainMillis);
        int n = 0;
        long asked = 0;
        long sent = 0;
        double received = 0;
        for (Report.Second s : seconds) {
            if (!s.warmUp()) {
                n++;
                asked += s.asked();
                sent += s.sent();
                received += s.rate();
            }
        }
        double sentPercent = chat && asked > 0 ? 100.0 * sent / asked : Double.NaN;
        boolean keptUp = !chat || sentPercent >= Report.KEPT_UP_PERCENT;
        double perSecond = n == 0 ? Double.NaN : received / n;
        Report.Steady steady = new Report.Steady(n, asked, sent, sentPercent, keptUp, perSecond,
                Report.Percentiles.of(chat ? t.delivery.steady : t.roundTrip.steady),
                chat ? Report.Percentiles.of(t.echo.steady) : Report.Percentiles.NONE,
                chat ? Report.Percentiles.of(t.sendLag.steady) : Report.Percentiles.NONE,
                t.steadyCpuNanos < 0 ? Double.NaN : t.steadyCpuNanos / 1e6, t.steadyAllocatedBytes);
        return new Report(chat ? "chat" : "echo", run(c), totals, steady, seconds,
                failures(c, t, totals, steady));
    }

    private static Map<String, Object> run(LoadConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", c.host());
        m.put("port", c.port());
        m.put("sessions", c.sessions());
        if (c.mode() == LoadConfig.Mode.CHAT) {
            m.put("roomSize", c.roomSize());
            m.put("rooms", c.rooms());
            m.put("rate", c.rate());
            m.put("payload", c.payload());
            m.put("deliveriesAskedPerSecond", c.deliveriesAsked());
            m.put("pollMicros", c.pollMicros());
        } else {
            m.put("window", c.window());
        }
        m.put("seconds", c.seconds());
        m.put("warmUp", c.warmUp());
        m.put("drain", c.drainSeconds());
        return m;
    }

    private static List<String> failures(LoadConfig c, Tally t, Report.Totals totals, Report.Steady steady) {
        boolean chat = c.mode() == LoadConfig.Mode.CHAT;
        List<String> f = new ArrayList<>();
        if (t.ready < c.sessions()) {
            f.add(String.format(Locale.ROOT, "only %d of %d sessions %s (%d closed on the way; --ready-timeout %d s)",
                    t.ready, c.sessions(), chat ? "entered their rooms" : "connected", t.closed, c.readySeconds()));
        }
        if (chat) {
            add(f, totals.lost(), "deliveries lost: " + t.delivered + " delivered of the " + t.predicted
                    + " the room sizes predict");
            add(f, t.delivered - t.predicted, "deliveries more than the " + t.predicted + " the room sizes predict");
            add(f, t.outOfOrder, "chats out of their sender's order");
            add(f, t.gaps, "chats skipped over in a sender's sequence");
            add(f, t.untracked, "deliveries from more senders than a room holds");
            add(f, t.held, "chats held back: a send buffer was full, the server not reading");
            if (!steady.keptUp()) {
                f.add(String.format(Locale.ROOT, "sent %d of the %d chats asked in the steady seconds (%.1f%%), "
                        + "under %.0f%%", steady.sent(), steady.asked(), steady.sentPercent(), Report.KEPT_UP_PERCENT));
            }
        } else {
            add(f, totals.lost(), "C_Ping never answered");
        }
        add(f, t.sErrors, "S_Error received (by code: " + t.errorsByCode() + ")");
        add(f, t.closed, "sessions closed");
        add(f, t.malformed, "malformed frames");
        add(f, t.foreign, "frames not the generator's or not expected");
        if (!f.isEmpty()) {
            for (String r : t.reasons()) {
                f.add("e.g. " + r);
            }
        }
        return f;
    }

    private static void add(List<String> f, long n, String what) {
        if (n > 0) {
            f.add(n + " " + what);
        }
    }
}
