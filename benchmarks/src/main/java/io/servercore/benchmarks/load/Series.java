package io.servercore.benchmarks.load;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seconds of the load, one at a time: at the end of each, its entry (what it asked, sent
 * and received, its percentiles, its errors) and its progress line; then the next second's
 * histograms start empty. Allocates once a second, never per message.
 *
 * <p>Not thread-safe: owned by the generator's one thread.
 */
final class Series {
    private final LoadConfig config;
    private final Tally tally;
    private final ChatPacer pacer;
    private final PrintWriter out;
    private final boolean chat;
    private final List<Report.Second> seconds = new ArrayList<>();
    private long asked;
    private long sent;
    private long received;
    private long errors;

    /** {@code pacer} is null in echo mode. */
    Series(LoadConfig config, Tally tally, ChatPacer pacer, PrintWriter out) {
        this.config = config;
        this.tally = tally;
        this.pacer = pacer;
        this.out = out;
        this.chat = config.mode() == LoadConfig.Mode.CHAT;
    }

    /** Ends second {@code second} of the load, which ended at {@code end} ({@link System#nanoTime()}). */
    void endSecond(int second, long end) {
        if (chat) {
            tally.asked = pacer.slotsBefore(end);
        }
        long receivedNow = chat ? tally.delivered : tally.roundTrips;
        Latency latency = chat ? tally.delivery : tally.roundTrip;
        Report.Second x = new Report.Second(second, second < config.warmUp(), receivedNow - received,
                tally.asked - asked, tally.sent - sent, latency.secondMillis(50), latency.secondMillis(99),
                chat ? tally.echo.secondMillis(50) : Double.NaN, chat ? tally.echo.secondMillis(99) : Double.NaN,
                chat ? tally.sendLag.secondMillis(99) : Double.NaN, tally.errors() - errors);
        asked = tally.asked;
        sent = tally.sent;
        received = receivedNow;
        errors = tally.errors();
        seconds.add(x);
        out.println(line(x));
        startSecond();
    }

    /** Empties the histograms of the second: before the load, and after each second. */
    void startSecond() {
        tally.delivery.nextSecond();
        tally.echo.nextSecond();
        tally.roundTrip.nextSecond();
        tally.sendLag.nextSecond();
    }

    List<Report.Second> seconds() {
        return seconds;
    }

    private String line(Report.Second x) {
        String head = String.format(Locale.ROOT, "[%5ds] %-7s | ", x.second() + 1, x.warmUp() ? "warm-up" : "load");
        if (chat) {
            return head + String.format(Locale.ROOT, "sent %d/s of %d/s | delivered %d/s | p50 %s ms | p99 %s ms | "
                    + "own echo p50 %s ms | p99 %s ms | lag p99 %s ms | errors %d", x.sent(), x.asked(), x.rate(),
                    ms(x.p50()), ms(x.p99()), ms(x.echoP50()), ms(x.echoP99()), ms(x.lagP99()), x.errors());
        }
        return head + String.format(Locale.ROOT, "round trips %d/s | p50 %s ms | p99 %s ms | errors %d", x.rate(),
                ms(x.p50()), ms(x.p99()), x.errors());
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
