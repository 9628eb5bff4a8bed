package io.servercore.dummyclient;

import io.servercore.cli.Flags;
import io.servercore.cli.Parsed;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.config.SwarmFlags;
import io.servercore.dummyclient.config.SwarmOptions;
import io.servercore.dummyclient.report.HtmlReport;
import io.servercore.dummyclient.report.Json;
import io.servercore.dummyclient.report.Report;
import io.servercore.dummyclient.report.SwarmResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * {@code java -jar dummyclient.jar [flags]}: parses the flags, runs the swarm, prints the
 * progress lines and the summary table, writes {@code --json FILE} and {@code --html FILE}, and
 * exits with the run's status: 0 clean, 1 failed (the summary says why), 2 bad flags. A run that
 * could not connect at all prints that in one line instead of a table of zeros.
 *
 * <p>Runs on the main thread; the swarm's own threads are daemons of its engine.
 */
public final class DummyClientMain {
    /** Exit status for a flag out of range or not understood. */
    static final int USAGE = Flags.USAGE;

    private DummyClientMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /**
     * Runs the command line and returns its exit status. Public for the docs' check that every
     * flag a README gives this jar is in its {@code --help}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        SwarmOptions options = new SwarmOptions();
        Parsed<SwarmConfig> parsed = SwarmFlags.ALL.parse("dummyclient", new CommandLine(options), args, out, err,
                options::toConfig);
        if (!parsed.runs()) {
            return parsed.status();
        }
        SwarmConfig config = parsed.settings();
        SwarmResult result;
        try {
            result = Swarm.run(config, out);
        } catch (IOException e) {
            err.println("dummyclient: cannot start: " + e.getMessage());
            return SwarmResult.FAILED;
        }
        if (result.connectedNone()) {
            out.println("RESULT: FAILED (exit " + SwarmResult.FAILED + "): " + result.connectedNoneLine());
        } else {
            out.print(Report.table(result));
        }
        out.flush();
        if (!write(options.json, () -> Json.of(result), err) || !write(options.html, () -> HtmlReport.of(result), err)) {
            return SwarmResult.FAILED;
        }
        return result.exitStatus();
    }

    /** Writes {@code text} to {@code file} unless it is null; false, with one line on {@code err}, if it cannot. */
    private static boolean write(Path file, Supplier<String> text, PrintWriter err) {
        if (file == null) {
            return true;
        }
        try {
            Files.writeString(file, text.get(), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("dummyclient: cannot write " + file + ": " + e.getMessage());
            return false;
        }
    }

    /** For tests and scripts: the config the given flags make, or an exception naming the bad one. */
    static SwarmConfig parse(String... args) {
        SwarmOptions options = new SwarmOptions();
        new CommandLine(options).parseArgs(args);
        return options.toConfig();
    }
}
