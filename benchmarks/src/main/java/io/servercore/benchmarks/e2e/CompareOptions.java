package io.servercore.benchmarks.e2e;

import io.servercore.benchmarks.cli.Flags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@link Compare}. Picocli fills the fields; {@link #toPlan(String)} checks
 * them and makes the {@link Plan}.
 *
 * <p>Not thread-safe; used once, by the thread that parses.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, version = "compare 0.1.0", sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"The end-to-end comparison: each server in a JVM of its own pinned to one core, one I/O thread, "
                + "driven by a load generator pinned to another (--generator); the servers side by side, A B A B "
                + "over the rounds; medians, ratios against the reference, every round's figures, the chat curve. "
                + "Writes benchmarks/results/e2e-DATE[-ONLY].md. Run from the repository root after "
                + "'mvn -q -pl benchmarks -am package -DskipTests'.",
                "Servers: " + "gameserver-servercore (gameserver.jar --transport servercore), gameserver-jdk "
                        + "(--transport jdk), netty-consolidated (NettyMain --variant consolidated), netty-plain "
                        + "(--variant plain), gameserver (no --transport); or any defined with --spec.",
                "Exit status: 0 when the results file is written; 1 when a server or the load generator could not "
                        + "run; 2 for a bad flag."})
final class CompareOptions {
    static final String DEFAULT_RATES = "2,3,5,7,10,14,20,28,40,56,80,112,160,224,320,448,640,896";

    @Option(names = "--servers", paramLabel = "NAME", split = ",",
            defaultValue = "gameserver-servercore,gameserver-jdk,netty-consolidated,netty-plain",
            description = "Servers compared, in column order (default: ${DEFAULT-VALUE}).")
    List<String> servers;

    @Option(names = "--spec", paramLabel = "NAME=KIND ARGS",
            description = "Defines (or redefines) a server: KIND gameserver or netty, then its extra arguments, "
                    + "which must not repeat the ones every server gets (--host, --port, --threads, --packet-rate), "
                    + "e.g. --spec 'gs-1m=gameserver --transport servercore --outbound-limit 1048576'. Repeatable.")
    List<String> specs = new ArrayList<>();

    @Option(names = "--reference", paramLabel = "NAME",
            description = "The server ratios are taken against (default: netty-consolidated when compared, "
                    + "else the last of --servers).")
    String reference;

    @Option(names = "--only", paramLabel = "SCENARIO", split = ",", defaultValue = "all",
            description = "What to measure, comma-separated: all, echo (echo-16, echo-1), chat (chat-climb, "
                    + "chat-light), idle (idle-bare, idle-rooms), syscalls (default: ${DEFAULT-VALUE}; all "
                    + "leaves out syscalls).")
    List<String> only;

    @Option(names = "--strace", description = "Also count the server's syscalls per delivery with strace -c, "
            + "in a run of its own at the light chat load (default: off).")
    boolean strace;

    @Option(names = "--strace-seconds", paramLabel = "S", defaultValue = "5",
            description = "Seconds strace watches each server, 1..600 (default: ${DEFAULT-VALUE}).")
    int straceSeconds;

    @Option(names = "--jfr", description = "Record every measured server JVM with JDK Flight Recorder and list each"
            + " recording's hottest methods in the results; the .jfr files go beside the results file, in a folder of"
            + " the same name (default: off).")
    boolean jfr;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Rounds, 1..100 (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "Seconds of load in each measured run, 1..3600; the first --warm-up of them are left "
                    + "out (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warm-up", paramLabel = "S", defaultValue = "3",
            description = "Seconds at the start of each measured run left out of its figures (the generator JVM's "
                    + "warm-up), 0..3599, less than --seconds (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--server-warm-up", paramLabel = "S", defaultValue = "5",
            description = "Seconds of unmeasured load each server JVM serves before its measured runs, 0..3600 "
                    + "(default: ${DEFAULT-VALUE}).")
    int serverWarmUp;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "I/O threads of each server and of dummyclient (the neutral generator has one thread), "
                    + "1..1024 (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1000",
            description = "Sessions of the echo and chat scenarios, 1..100000 (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--room-size", paramLabel = "N", defaultValue = "100",
            description = "Members per room in the chat and idle-rooms scenarios, 1..1000 (default: ${DEFAULT-VALUE}).")
    int roomSize;

    @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "64",
            description = "Bytes of each chat, 32..1024 (default: ${DEFAULT-VALUE}).")
    int payload;

    @Option(names = "--chat-rates", paramLabel = "PER_S", split = ",", defaultValue = DEFAULT_RATES,
            description = "Chats a second per session the climb tries, rising, each 0.001..1000 "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Double> chatRates;

    @Option(names = "--light-rate", paramLabel = "PER_S", defaultValue = "2",
            description = "Chats a second per session of the light load (latency and strace), 0.001..1000 "
                    + "(default: ${DEFAULT-VALUE}: 200k deliveries/s with 1,000 sessions in rooms of 100).")
    double lightRate;

    @Option(names = "--p99-budget", paramLabel = "MS", defaultValue = "50",
            description = "The worst second's p99 a sustained chat step stays under, 1..10000 ms "
                    + "(default: ${DEFAULT-VALUE}).")
    double p99Budget;

    @Option(names = "--past-failure", paramLabel = "N", defaultValue = "1",
            description = "Steps the climb tries past the first that fails, for the curve, 0..10 "
                    + "(default: ${DEFAULT-VALUE}).")
    int pastFailure;

    @Option(names = "--idle-sessions", paramLabel = "N", defaultValue = "10000",
            description = "Bare connected sessions of idle-bare, 1..18000 (default: ${DEFAULT-VALUE}).")
    int idleSessions;

    @Option(names = "--room-sessions", paramLabel = "N", defaultValue = "1000",
            description = "Sessions entered in rooms of --room-size in idle-rooms, 1..18000 (default: ${DEFAULT-VALUE}).")
    int roomSessions;

    @Option(names = "--generator", paramLabel = "NAME", defaultValue = "neutral",
            description = "The load generator of the echo and chat scenarios: neutral (NeutralLoad: one thread, one "
                    + "java.nio Selector, delivery latency to every member) or dummyclient (the project's swarm, which "
                    + "times only the sender's own copy); the idle scenarios keep their own sockets "
                    + "(default: ${DEFAULT-VALUE}).")
    String generator;

    @Option(names = "--swarm-transport", paramLabel = "NAME", defaultValue = "servercore",
            description = "With --generator dummyclient, its --transport: servercore, jdk, or default (no flag passed) "
                    + "(default: ${DEFAULT-VALUE}).")
    String swarmTransport;

    @Option(names = "--no-pin", description = "Run server and load generator on any core instead of pinning them with "
            + "taskset (the results file says so).")
    boolean noPin;

    @Option(names = "--server-cpu", paramLabel = "CPU", defaultValue = "1",
            description = "The CPU the server is pinned to (default: ${DEFAULT-VALUE}).")
    int serverCpu;

    @Option(names = "--swarm-cpu", paramLabel = "CPU", defaultValue = "0",
            description = "The CPU the load generator is pinned to (default: ${DEFAULT-VALUE}).")
    int swarmCpu;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
            description = "The repository root, whose module target folders hold the jars (default: the "
                    + "current folder).")
    Path root;

    @Option(names = "--netty-classpath", paramLabel = "PATH",
            description = "Class path of this module's programs that run in JVMs of their own, the Netty reference "
                    + "server and the neutral generator (default: ROOT/benchmarks/target/benchmarks.jar).")
    String nettyClasspath;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder of the results file (default: ROOT/benchmarks/results).")
    Path out;

    @Option(names = "--ceiling-echo-1", paramLabel = "PER_S", defaultValue = "291000",
            description = "The bare C epoll echo ceiling, 1 in flight, round trips/s (default: ${DEFAULT-VALUE}, "
                    + "issue 11's on the 2-core machine).")
    double ceilingEcho1;

    @Option(names = "--ceiling-echo-16", paramLabel = "PER_S", defaultValue = "4520000",
            description = "The same, 16 in flight (default: ${DEFAULT-VALUE}).")
    double ceilingEcho16;

    @Option(names = "--ceiling-chat", paramLabel = "PER_S", defaultValue = "15900000",
            description = "The bare C epoll chat ceiling, deliveries/s, one writev per member per loop "
                    + "(default: ${DEFAULT-VALUE}).")
    double ceilingChat;

    /** @throws IllegalArgumentException naming the first flag out of range, its value and what is allowed */
    Plan toPlan(String commandLine) {
        Map<String, ServerSpec> known = new LinkedHashMap<>(ServerSpec.KNOWN);
        for (String spec : specs) {
            ServerSpec s = ServerSpec.parse(spec);
            known.put(s.name(), s);
        }
        List<ServerSpec> chosen = new ArrayList<>();
        for (String name : servers) {
            ServerSpec s = known.get(name.trim());
            if (s == null) {
                throw new IllegalArgumentException("invalid --servers " + name + ": allowed "
                        + String.join(", ", known.keySet()));
            }
            if (chosen.contains(s)) {
                throw new IllegalArgumentException("invalid --servers " + String.join(",", servers) + ": "
                        + name + " is named twice");
            }
            chosen.add(s);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("invalid --servers: name at least one");
        }
        List<String> names = chosen.stream().map(ServerSpec::name).toList();
        String ref = reference != null ? reference
                : names.contains(ServerSpec.REFERENCE) ? ServerSpec.REFERENCE : names.get(names.size() - 1);
        if (!names.contains(ref)) {
            throw new IllegalArgumentException("invalid --reference " + ref + ": allowed " + String.join(", ", names));
        }
        Set<Scenario> scenarios = Scenario.parse(only);
        if (strace) {
            scenarios.add(Scenario.SYSCALLS);
        }
        Flags.range("--rounds", rounds, 1, 100);
        Flags.range("--seconds", seconds, 1, 3600);
        Flags.range("--warm-up", warmUp, 0, seconds - 1);
        Flags.range("--server-warm-up", serverWarmUp, 0, 3600);
        Flags.range("--threads", threads, 1, 1024);
        Flags.range("--sessions", sessions, 1, 100_000);
        Flags.range("--room-size", roomSize, 1, 1000);
        Flags.range("--payload", payload, 32, 1024);
        Flags.range("--light-rate", lightRate, 0.001, 1000);
        Flags.range("--p99-budget", p99Budget, 1, 10_000);
        Flags.range("--past-failure", pastFailure, 0, 10);
        Flags.range("--idle-sessions", idleSessions, 1, 18_000);
        Flags.range("--room-sessions", roomSessions, 1, 18_000);
        Flags.range("--strace-seconds", straceSeconds, 1, 600);
        int cpus = Runtime.getRuntime().availableProcessors();
        Flags.range("--server-cpu", serverCpu, 0, cpus - 1);
        Flags.range("--swarm-cpu", swarmCpu, 0, cpus - 1);
        if (!noPin && serverCpu == swarmCpu) {
            throw new IllegalArgumentException("invalid --swarm-cpu " + swarmCpu + ": allowed any CPU but the server's ("
                    + serverCpu + ")");
        }
        double last = 0;
        for (double rate : chatRates) {
            Flags.range("--chat-rates", rate, 0.001, 1000);
            if (rate <= last) {
                throw new IllegalArgumentException("invalid --chat-rates " + Flags.number(rate) + ": allowed rising "
                        + "rates only, each above " + Flags.number(last));
            }
            last = rate;
        }
        Generator load = Flags.oneOf("--generator", generator, Generator.class);
        List<String> swarmArgs = switch (swarmTransport) {
            case "default" -> List.of();
            case "servercore", "jdk" -> List.of("--transport", swarmTransport);
            default -> throw new IllegalArgumentException("invalid --swarm-transport " + swarmTransport
                    + ": allowed servercore, jdk, default");
        };
        Flags.range("--ceiling-echo-1", ceilingEcho1, 1, 1e12);
        Flags.range("--ceiling-echo-16", ceilingEcho16, 1, 1e12);
        Flags.range("--ceiling-chat", ceilingChat, 1, 1e12);
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("invalid --root " + root + ": not a folder");
        }
        String cp = nettyClasspath != null ? nettyClasspath
                : root.resolve("benchmarks").resolve("target").resolve("benchmarks.jar").toString();
        Path results = out != null ? out : root.resolve("benchmarks").resolve("results");
        return new Plan(chosen, ref, scenarios, rounds, seconds, warmUp, serverWarmUp, threads, sessions, roomSize,
                payload, chatRates, lightRate, p99Budget, pastFailure, idleSessions, roomSessions, straceSeconds, jfr,
                load, swarmArgs, !noPin, serverCpu, swarmCpu, root, cp, results,
                new Plan.Ceilings(ceilingEcho1, ceilingEcho16, ceilingChat), commandLine);
    }
}
