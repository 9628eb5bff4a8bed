package io.servercore.benchmarks.e2e;

import io.servercore.cli.Flags;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * The end-to-end comparison of issue 11: each server in a JVM of its own pinned to one core
 * with one I/O thread, the load generator ({@link Generator}) pinned to the other; the servers side by side,
 * every scenario on every server in turn (A B A B) over the rounds; medians, ratios against
 * the reference (consolidated Netty), every round's figures, the chat curve, and the goals.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.servercore.benchmarks.e2e.Compare [--help]
 * </pre>
 *
 * Run from the repository root (it finds the jars in each module's target folder). Loopback
 * only; every run is bounded in time and stops by itself. Exit status: 0 with the results file
 * written, 1 when a server or the load generator could not run (what was measured is still written), 2
 * for a bad flag, answered in one line naming the value and what is allowed ({@link CompareFlags}).
 *
 * <p>Runs on the caller's thread.
 */
public final class Compare {
    /** The name its lines begin with. */
    static final String COMMAND = "compare";
    static final int USAGE = Flags.USAGE;
    static final int FAILED = 1;

    private Compare() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * Runs the command line and returns its exit status. Public for the docs' check that every
     * flag a README gives this main is in its {@code --help}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Plan plan;
        try {
            plan = parse(args, out);
        } catch (CommandLine.ParameterException e) {
            return Flags.usage(err, COMMAND, CompareFlags.ALL.explain(e));
        } catch (IllegalArgumentException e) {
            return Flags.usage(err, COMMAND, e.getMessage());
        }
        if (plan == null) {
            return 0; // --help or --version, printed
        }
        try {
            String problem = preflight(plan);
            if (!problem.isEmpty()) {
                err.println("compare: " + problem);
                return FAILED;
            }
            return new Runner(plan, out, err, String.join(",", onlyOf(args))).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("compare: interrupted");
            return FAILED;
        }
    }

    /** The plan of {@code args}; null when they asked for help or the version, which is printed to {@code out}. */
    static Plan parse(String[] args, PrintWriter out) {
        CompareOptions options = new CompareOptions();
        CommandLine cli = new CommandLine(options);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        if (parsed.isUsageHelpRequested()) {
            cli.usage(out);
            return null;
        }
        if (parsed.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
            return null;
        }
        return options.toPlan(commandLine(args));
    }

    /** The {@code --only} values as given, for the file's name; {@code all} when there were none. */
    private static List<String> onlyOf(String[] args) {
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--only") && i + 1 < args.length) {
                only.add(args[i + 1]);
            } else if (args[i].startsWith("--only=")) {
                only.add(args[i].substring("--only=".length()));
            }
        }
        return only.isEmpty() ? List.of("all") : only;
    }

    static String commandLine(String[] args) {
        StringBuilder line = new StringBuilder("java -cp benchmarks/target/benchmarks.jar " + Compare.class.getName());
        for (String a : args) {
            line.append(' ').append(a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    /** What stands in the way of the plan before anything is measured, in one sentence; empty when nothing. */
    static String preflight(Plan plan) throws InterruptedException {
        Harness h = new Harness(plan, new PrintWriter(PrintWriter.nullWriter()));
        String missing = h.missingJars();
        if (!missing.isEmpty()) {
            return missing;
        }
        if (plan.pin() && !Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            return "taskset (/usr/bin/taskset) is missing: install util-linux, or run with --no-pin";
        }
        if (plan.runs(Scenario.SYSCALLS) && !Files.isExecutable(Path.of(Syscalls.STRACE))) {
            return Syscalls.STRACE + " is missing: install strace, or leave out --strace";
        }
        boolean generatorChecked = false;
        for (ServerSpec spec : plan.servers()) {
            try (ServerProcess s = h.startServer(spec)) {
                RawClient.ping(s.port());
                if (!generatorChecked && (plan.runs(Scenario.ECHO_16) || plan.runs(Scenario.ECHO_1)
                        || plan.runs(Scenario.CHAT_CLIMB) || plan.runs(Scenario.CHAT_LIGHT)
                        || plan.runs(Scenario.SYSCALLS))) {
                    String generator = generatorServes(h, s.port());
                    if (!generator.isEmpty()) {
                        return generator;
                    }
                    generatorChecked = true;
                }
            } catch (IOException e) {
                return spec.name() + " could not serve: " + e.getMessage().lines().findFirst().orElse("")
                        + " (its output: " + String.join(" / ", e.getMessage().lines().skip(1).toList()) + ")";
            }
        }
        return "";
    }

    /**
     * Whether the load generator runs against a server: one session's echo, no load. A refusal of
     * its arguments is named (dummyclient's {@code --help} would not tell: picocli lets unknown
     * flags pass beside it); the neutral generator must also find nothing wrong.
     */
    private static String generatorServes(Harness h, int port) throws InterruptedException {
        boolean neutral = h.plan.generator() == Generator.NEUTRAL;
        List<String> cmd = new ArrayList<>(h.generatorCommand());
        cmd.addAll(neutral ? List.of("echo", "--host", "127.0.0.1", "--port", String.valueOf(port), "--sessions", "1",
                "--window", "1", "--seconds", "1", "--warm-up", "0", "--drain", "5")
                : List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--mode", "echo", "--clients", "1",
                "--duration", "0"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "the load generator did not finish one session's echo in 60 s: " + String.join(" ", cmd);
            }
            if (p.exitValue() == USAGE) {
                return "the load generator refuses its arguments: " + text.strip() + (neutral || h.plan.swarmArgs()
                        .isEmpty() ? "" : " (--swarm-transport default passes none)");
            }
            if (neutral && p.exitValue() != 0) {
                return "the neutral generator's one-session echo went wrong: " + String.join(" / ",
                        text.strip().lines().toList()) + ": " + String.join(" ", cmd);
            }
            return "";
        } catch (IOException e) {
            return "the load generator could not start: " + e.getMessage();
        }
    }

    /** One comparison, from the first round to the results file. */
    private static final class Runner {
        private final Plan plan;
        private final PrintWriter out;
        private final PrintWriter err;
        private final Path file;
        private final Harness h;
        private final Syscalls syscalls = new Syscalls();

        Runner(Plan plan, PrintWriter out, PrintWriter err, String only) {
            this.plan = plan;
            this.out = out;
            this.err = err;
            this.file = ResultsFile.path(plan, only);
            this.h = new Harness(plan, out, file);
        }

        int run() throws InterruptedException {
            long start = System.nanoTime();
            String machine = Machine.describe();
            String loadBefore = Machine.loadAverage();
            String collector = Machine.collector(h.pinned(plan.serverCpu()), Harness.SERVER_JVM);
            out.println("compare: " + machine + "; load average " + loadBefore);
            String incomplete = null;
            try {
                measure();
            } catch (IOException | RuntimeException e) {
                incomplete = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
                err.println("compare: " + e.getMessage());
            }
            ResultsFile.Run run = new ResultsFile.Run(machine, collector, loadBefore, Machine.loadAverage(),
                    (System.nanoTime() - start) / 60e9);
            String md = ResultsFile.markdown(h, syscalls, run, incomplete);
            out.println();
            out.println(md);
            try {
                ResultsFile.write(file, md);
                out.println("written to " + file);
            } catch (IOException e) {
                err.println("compare: cannot write the results: " + e.getMessage());
                return FAILED;
            }
            return incomplete == null ? 0 : FAILED;
        }

        private void measure() throws IOException, InterruptedException {
            for (int round = 1; round <= plan.rounds(); round++) {
                h.round = round;
                for (Scenario scenario : Scenario.values()) {
                    if (scenario == Scenario.SYSCALLS || !plan.runs(scenario)) {
                        continue;
                    }
                    for (ServerSpec spec : plan.servers()) {
                        out.printf(Locale.ROOT, "round %d of %d, %s: %s%n", round, plan.rounds(), scenario.flag,
                                spec.name());
                        switch (scenario) {
                            case ECHO_16 -> EchoScenario.run(h, spec, 16);
                            case ECHO_1 -> EchoScenario.run(h, spec, 1);
                            case CHAT_CLIMB -> ChatScenarios.climb(h, spec);
                            case CHAT_LIGHT -> ChatScenarios.light(h, spec);
                            case IDLE_BARE -> IdleMemory.bare(h, spec);
                            case IDLE_ROOMS -> IdleMemory.rooms(h, spec);
                            case SYSCALLS -> throw new AssertionError("runs after the rounds");
                        }
                    }
                }
            }
            if (plan.runs(Scenario.SYSCALLS)) {
                h.round = 0;
                for (ServerSpec spec : plan.servers()) {
                    out.printf(Locale.ROOT, "syscalls (strace): %s%n", spec.name());
                    syscalls.run(h, spec);
                }
            }
        }
    }
}
