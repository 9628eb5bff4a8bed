package io.servercore.benchmarks.load;

import io.servercore.cli.Flags;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * {@code java -cp benchmarks.jar io.servercore.benchmarks.load.NeutralLoad chat|echo [flags]}:
 * the neutral load generator ({@code --help}, and each mode's {@code --help}, say what it does).
 * One thread, the caller's, does all of it: {@link LoadLoop}.
 *
 * <p>Exit status: 0 when nothing went wrong, 1 when the run found something wrong or could not
 * run, 2 for a bad flag (one line naming the value and what is allowed, {@link LoadFlags}).
 */
public final class NeutralLoad {
    /** The name its lines begin with. */
    static final String COMMAND = "neutral-load";
    static final int USAGE = Flags.USAGE;
    static final int FAILED = 1;

    private NeutralLoad() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * Runs the command line on the caller's thread and returns its exit status: for a run in the
     * caller's JVM, and for the docs' check that every flag a README gives this main is in its help.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        LoadConfig config;
        try {
            config = parse(args, out);
        } catch (CommandLine.ParameterException e) {
            return Flags.usage(err, COMMAND, LoadFlags.ALL.explain(e));
        } catch (IllegalArgumentException e) {
            return Flags.usage(err, COMMAND, e.getMessage());
        }
        if (config == null) {
            return 0;
        }
        Report report;
        try (LoadLoop loop = new LoadLoop(config, out)) {
            report = loop.run();
        } catch (IOException e) {
            err.println("neutral-load: " + e.getMessage());
            return FAILED;
        }
        print(report, out);
        if (config.json() != null) {
            try {
                Path parent = config.json().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(config.json(), report.toJson(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("neutral-load: cannot write --json " + config.json() + ": " + e.getMessage());
                return FAILED;
            }
        }
        return report.failures().isEmpty() ? 0 : FAILED;
    }

    /**
     * The run {@code args} ask for; null when they asked for help or the version, printed to {@code out}.
     *
     * @throws CommandLine.ParameterException for a flag picocli cannot read
     * @throws IllegalArgumentException for a value out of its range, naming it and what is allowed
     */
    static LoadConfig parse(String[] args, PrintWriter out) {
        CommandLine cli = new CommandLine(new LoadOptions());
        cli.setOut(out);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        if (CommandLine.printHelpIfRequested(parsed)) {
            return null;
        }
        if (!parsed.hasSubcommand()) {
            throw new IllegalArgumentException("name a mode: chat|echo");
        }
        Object mode = parsed.subcommand().commandSpec().userObject();
        return mode instanceof LoadOptions.Chat chat ? chat.toConfig() : ((LoadOptions.Echo) mode).toConfig();
    }

    private static void print(Report r, PrintWriter out) {
        Report.Steady s = r.steady();
        Report.Totals t = r.totals();
        if (r.isChat()) {
            out.printf(Locale.ROOT, "steady (%d s): %.0f deliveries/s; sent %d of %d chats asked (%.1f%%, kept up: "
                    + "%s)%n", s.seconds(), s.perSecond(), s.sent(), s.asked(), s.sentPercent(),
                    s.keptUp() ? "yes" : "no");
            out.println("  delivery latency " + percentiles(s.latency()));
            out.println("  own echo latency " + percentiles(s.ownEcho()));
            out.println("  send lag         " + percentiles(s.sendLag()));
            out.println("  generator thread " + cost(s, s.perSecond() * s.seconds(), "deliveries"));
            out.printf(Locale.ROOT, "totals: %d chats sent, %d delivered of %d predicted, %d lost, %d out of order, "
                    + "%d S_Error, %d closed; drain %.0f ms%n", t.sent(), t.delivered(), t.predicted(), t.lost(),
                    t.outOfOrder(), t.sErrors(), t.closed(), t.drainMillis());
        } else {
            out.printf(Locale.ROOT, "steady (%d s): %.0f round trips/s%n", s.seconds(), s.perSecond());
            out.println("  round trip " + percentiles(s.latency()));
            out.println("  generator thread " + cost(s, s.perSecond() * s.seconds(), "round trips"));
            out.printf(Locale.ROOT, "totals: %d C_Ping sent, %d answered, %d S_Error, %d closed%n", t.sent(),
                    t.roundTrips(), t.sErrors(), t.closed());
        }
        List<String> failures = r.failures();
        out.println(failures.isEmpty() ? "nothing went wrong" : "went wrong: " + String.join("; ", failures));
    }

    /** CPU and allocation per 1,000 of {@code what} over the steady seconds. */
    private static String cost(Report.Steady s, double count, String what) {
        return String.format(Locale.ROOT, "%.0f ms CPU (%.3f ms per 1,000 %s, polling included), %d bytes "
                + "allocated (%.1f per 1,000 %s)", s.cpuMillis(), 1000 * s.cpuMillis() / count, what,
                s.allocatedBytes(), 1000 * s.allocatedBytes() / count, what);
    }

    private static String percentiles(Report.Percentiles p) {
        return String.format(Locale.ROOT, "p50 %.3f, p90 %.3f, p99 %.3f, p99.9 %.3f, max %.3f ms (%d samples)",
                p.p50(), p.p90(), p.p99(), p.p999(), p.max(), p.count());
    }
}
