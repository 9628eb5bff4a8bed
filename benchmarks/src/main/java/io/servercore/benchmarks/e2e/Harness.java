package io.servercore.benchmarks.e2e;

import io.servercore.benchmarks.load.NeutralLoad;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every scenario needs: the command lines of the servers and the load generator (pinned as
 * the plan says), starting a server, warming it up, one measured generator run, and the run's
 * table, chat curves and notes, which the scenarios fill and {@link ResultsFile} writes.
 *
 * <p>Not thread-safe; the runner's thread.
 */
final class Harness {
    /** JVM options of every server: the same heap for all. */
    static final List<String> SERVER_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=1g");
    /** JVM options of dummyclient. */
    static final List<String> SWARM_JVM = List.of("-Xms1g", "-Xmx2g");
    /**
     * JVM options of the neutral generator: its heap holds little but its histograms, and it
     * allocates next to nothing while it runs; one thread needs no parallel collector.
     */
    static final List<String> NEUTRAL_JVM = List.of("-Xms256m", "-Xmx256m", "-XX:+UseSerialGC");
    /** Seconds a generator run may take beyond its load: JVM start, ramp, drain (at most 10 s), exit. */
    private static final long SLACK_SECONDS = 120;

    final Plan plan;
    final Results table;
    final ChatCurves curves = new ChatCurves();
    /** Things the reader of the results must know: what the generator reported as wrong in a measured run. */
    final List<String> notes = new ArrayList<>();
    final PrintWriter out;
    /** The recordings of {@code --jfr}, in a folder named after the results file. */
    final Profiles profiles;
    /** The round being run, from 1; 0 in the strace run after the rounds. For the notes. */
    int round;

    /** A harness whose results go to {@code resultsFile}. */
    Harness(Plan plan, PrintWriter out, Path resultsFile) {
        this.plan = plan;
        this.out = out;
        this.table = new Results(plan.servers().stream().map(ServerSpec::name).toList(), plan.reference());
        String name = resultsFile.getFileName().toString();
        this.profiles = new Profiles(resultsFile.resolveSibling(name.substring(0, name.length() - ".md".length())
                + "-jfr"));
    }

    /** A harness for its command lines alone. */
    Harness(Plan plan, PrintWriter out) {
        this(plan, out, plan.out().resolve("unused.md"));
    }

    List<String> pinned(int cpu) {
        return plan.pin() ? List.of("taskset", "-c", String.valueOf(cpu)) : List.of();
    }

    /**
     * A server's command: its kind's common arguments (loopback, a free port, the plan's I/O
     * threads, the rate limit off, everything else at its default), then the spec's own.
     */
    List<String> serverCommand(ServerSpec spec, String... moreJvmOptions) {
        List<String> cmd = new ArrayList<>(pinned(plan.serverCpu()));
        cmd.add(java());
        cmd.addAll(SERVER_JVM);
        cmd.addAll(List.of(moreJvmOptions));
        List<String> common = List.of("--host", "127.0.0.1", "--port", "0", "--threads",
                String.valueOf(plan.threads()), "--packet-rate", "0");
        if (spec.kind() == ServerSpec.Kind.GAMESERVER) {
            cmd.addAll(List.of("-jar", jar("gameserver")));
            cmd.addAll(common);
            // Capacity, not behaviour: the idle scenario holds more sessions than the default 10,000.
            cmd.addAll(List.of("--max-sessions", "100000", "--stats-interval", "0"));
        } else {
            cmd.addAll(List.of("-cp", plan.nettyClasspath(), "io.servercore.benchmarks.netty.NettyMain"));
            cmd.addAll(common);
        }
        cmd.addAll(spec.args());
        return cmd;
    }

    /**
     * The load generator's command up to its scenario arguments, pinned: the neutral generator
     * from this module's class path, or dummyclient with the plan's I/O threads and transport.
     */
    List<String> generatorCommand() {
        List<String> cmd = new ArrayList<>(pinned(plan.swarmCpu()));
        cmd.add(java());
        if (plan.generator() == Generator.NEUTRAL) {
            cmd.addAll(NEUTRAL_JVM);
            cmd.addAll(List.of("-cp", plan.nettyClasspath(), NeutralLoad.class.getName()));
            return cmd;
        }
        cmd.addAll(SWARM_JVM);
        cmd.addAll(List.of("-jar", jar("dummyclient"), "--threads", String.valueOf(plan.threads())));
        cmd.addAll(plan.swarmArgs());
        return cmd;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String jar(String module) {
        return plan.root().resolve(module).resolve("target").resolve(module + ".jar").toString();
    }

    /** The jars the plan runs that are missing, as one sentence; empty when none is. */
    String missingJars() {
        List<String> missing = new ArrayList<>();
        List<String> modules = plan.generator() == Generator.DUMMYCLIENT ? List.of("gameserver", "dummyclient")
                : List.of("gameserver");
        for (String module : modules) {
            if (!Files.exists(Path.of(jar(module)))) {
                missing.add(jar(module));
            }
        }
        for (String entry : plan.nettyClasspath().split(java.io.File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                missing.add(entry);
            }
        }
        return missing.isEmpty() ? "" : String.join(", ", missing) + " missing: run 'mvn -q -pl benchmarks -am "
                + "package -DskipTests' from the repository root first (or pass --root)";
    }

    ServerProcess startServer(ServerSpec spec, String... moreJvmOptions) throws IOException, InterruptedException {
        return ServerProcess.start(spec.name(), serverCommand(spec, moreJvmOptions));
    }

    /** A server for measured runs: recording with JDK Flight Recorder under {@code --jfr}. */
    ServerProcess startMeasuredServer(ServerSpec spec) throws IOException, InterruptedException {
        return plan.jfr() ? startServer(spec, Profiles.startOption()) : startServer(spec);
    }

    /** Under {@code --jfr}, dumps the server's recording for {@code scenario} and reads its hottest methods. */
    void profile(ServerProcess s, Scenario scenario) throws IOException, InterruptedException {
        if (plan.jfr() && s.isAlive()) {
            profiles.dump(s, scenario.flag, round);
        }
    }

    /** An unmeasured run of the scenario, so that the measured ones meet a warm server JVM. */
    void warmUp(ServerProcess s, Load load) throws IOException, InterruptedException {
        if (plan.serverWarmUp() > 0) {
            start(s, load, plan.serverWarmUp(), 0).finish(plan.serverWarmUp() + SLACK_SECONDS);
        }
    }

    /** One measured run of {@link Plan#seconds()} of load, the first {@link Plan#warmUp()} left out. */
    LoadRun measure(ServerProcess s, Load load) throws IOException, InterruptedException {
        return start(s, load, plan.seconds(), plan.warmUp()).finish(plan.seconds() + SLACK_SECONDS);
    }

    /** Starts the plan's generator against {@code s}: {@code seconds} of {@code load}, {@code warmUp} s unsteady. */
    GeneratorProcess start(ServerProcess s, Load load, int seconds, int warmUp) throws IOException {
        return GeneratorProcess.start(plan.generator(), generatorCommand(), s.port(), load, seconds, warmUp);
    }

    /** Notes what the generator found wrong in a measured run. */
    void note(ServerSpec spec, String scenario, LoadRun r) {
        List<String> failures = r.failures();
        if (!failures.isEmpty()) {
            String line = String.format(Locale.ROOT, "%s, %s, %s: the load generator reported %s", when(), spec.name(),
                    scenario, String.join("; ", failures));
            notes.add(line);
            out.println("  note: " + line);
        }
    }

    /** {@code round 2}, or {@code the strace run}. */
    String when() {
        return round > 0 ? "round " + round : "the strace run";
    }

    /** A rate as a flag writes it: no {@code .0} on whole numbers. */
    static String fmt(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }
}
