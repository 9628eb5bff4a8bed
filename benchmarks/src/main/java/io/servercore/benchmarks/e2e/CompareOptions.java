package io.servercore.benchmarks.e2e;

import io.servercore.cli.Flag;
import io.servercore.cli.Range;
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
 * them against {@link CompareFlags}, whose words each description repeats, and makes the
 * {@link Plan}.
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
    /** One rate of {@code --chat-rates}. */
    private static final Range CHAT_RATE = Range.of("--chat-rates", 0.001, 1000);

    @Option(names = "--servers", paramLabel = "NAME", split = ",",
            defaultValue = "gameserver-servercore,gameserver-jdk,netty-consolidated,netty-plain",
            description = "Servers compared, in column order: known servers or ones --spec defines, comma-separated "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> servers;

    @Option(names = "--spec", paramLabel = "NAME=KIND ARGS",
            description = "Defines (or redefines) a server, NAME=KIND [ARGS...], NAME of A-Z a-z 0-9 . _ -, KIND "
                    + "gameserver|netty: ARGS are its extra arguments, which must not repeat the ones every server "
                    + "gets (--host, --port, --threads, --packet-rate), e.g. --spec 'gs-1m=gameserver --transport "
                    + "servercore --outbound-limit 1048576'. Repeatable.")
    List<String> specs = new ArrayList<>();

    @Option(names = "--reference", paramLabel = "NAME",
            description = "The server ratios are taken against, one of --servers (default: netty-consolidated when "
                    + "compared, else the last of --servers).")
    String reference;

    @Option(names = "--only", paramLabel = "SCENARIO", split = ",", defaultValue = "all",
            description = "What to measure, all|echo|chat|idle|echo-16|echo-1|chat-climb|chat-light|idle-bare|"
                    + "idle-rooms|syscalls, comma-separated: echo is echo-16 and echo-1, chat is chat-climb and "
                    + "chat-light, idle is idle-bare and idle-rooms (default: ${DEFAULT-VALUE}; all leaves out "
                    + "syscalls).")
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
                    + "0 (one per core) or 1..1024; with 0 each counts the cores it may run on, one when pinned "
                    + "(default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1000",
            description = "Sessions of the echo and chat scenarios, 1..50000 (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--room-size", paramLabel = "N", defaultValue = "100",
            description = "Members per room in the chat and idle-rooms scenarios, 1..1000, at most --sessions with the "
                    + "chat scenarios (default: ${DEFAULT-VALUE}).")
    int roomSize;

    @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "64",
            description = "Bytes of each chat, 32..1024 (default: ${DEFAULT-VALUE}).")
    int payload;

    @Option(names = "--chat-rates", paramLabel = "PER_S", split = ",", defaultValue = DEFAULT_RATES,
            description = "Chats a second per session the climb tries: rising rates, each 0.001..1000, "
                    + "comma-separated (default: ${DEFAULT-VALUE}).")
    List<Double> chatRates;

    @Option(names = "--light-rate", paramLabel = "PER_S", defaultValue = "2",
            description = "Chats a second per session of the light load (latency and strace), 0.001..1000 "
                    + "(default: ${DEFAULT-VALUE}: 200k deliveries/s with 1,000 sessions in rooms of 100).")
    double lightRate;

    @Option(names = "--p99-budget", paramLabel = "MS", defaultValue = "50",
            description = "The p99 a sustained chat step stays under, over all its steady seconds (with dummyclient: "
                    + "its worst second's), 1..10000 ms "
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
            description = "The load generator of the echo and chat scenarios, neutral|dummyclient: neutral "
                    + "(NeutralLoad: one thread, one "
                    + "java.nio Selector, delivery latency to every member) or dummyclient (the project's swarm, which "
                    + "times only the sender's own copy); the idle scenarios keep their own sockets "
                    + "(default: ${DEFAULT-VALUE}).")
    String generator;

    @Option(names = "--swarm-transport", paramLabel = "NAME", defaultValue = "servercore",
            description = "With --generator dummyclient, its --transport, servercore|jdk|default: default passes "
                    + "no flag (default: ${DEFAULT-VALUE}).")
    String swarmTransport;

    @Option(names = "--no-pin", description = "Run server and load generator on any core instead of pinning them with "
            + "taskset (the results file says so).")
    boolean noPin;

    @Option(names = "--server-cpu", paramLabel = "CPU", defaultValue = "1",
            description = "The CPU the server is pinned to, a CPU of this machine, 0..(CPUs - 1) "
                    + "(default: ${DEFAULT-VALUE}).")
    int serverCpu;

    @Option(names = "--swarm-cpu", paramLabel = "CPU", defaultValue = "0",
            description = "The CPU the load generator is pinned to, a CPU of this machine, 0..(CPUs - 1), not the "
                    + "server's (default: ${DEFAULT-VALUE}).")
    int swarmCpu;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
            description = "Where the jars are: a folder, the repository's root, whose module target folders hold "
                    + "them (default: the current folder).")
    Path root;

    @Option(names = "--netty-classpath", paramLabel = "PATH",
            description = "Where this module's programs that run in JVMs of their own (the Netty reference server "
                    + "and the neutral generator) are, a class path (default: ROOT/benchmarks/target/benchmarks.jar).")
    String nettyClasspath;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the results file goes, a folder (default: ROOT/benchmarks/results).")
    Path out;

    @Option(names = "--ceiling-echo-1", paramLabel = "PER_S", defaultValue = "291000",
            description = "The bare C epoll echo ceiling, 1 in flight, round trips/s, 1..1000000000000 "
                    + "(default: ${DEFAULT-VALUE}, issue 11's on the 2-core machine).")
    double ceilingEcho1;

    @Option(names = "--ceiling-echo-16", paramLabel = "PER_S", defaultValue = "4520000",
            description = "The same, 16 in flight, 1..1000000000000 (default: ${DEFAULT-VALUE}).")
    double ceilingEcho16;

    @Option(names = "--ceiling-chat", paramLabel = "PER_S", defaultValue = "15900000",
            description = "The bare C epoll chat ceiling, deliveries/s, one writev per member per loop, "
                    + "1..1000000000000 (default: ${DEFAULT-VALUE}).")
    double ceilingChat;

    /** @throws IllegalArgumentException naming the first flag out of range, its value and what is allowed */
    Plan toPlan(String commandLine) {
        Map<String, ServerSpec> known = new LinkedHashMap<>(ServerSpec.KNOWN);
        for (String spec : specs) {
            ServerSpec s = ServerSpec.parse(spec);
            known.put(s.name(), s);
        }
        Flag oneOfKnown = CompareFlags.SERVERS.allowing(String.join("|", known.keySet()) + ", comma-separated");
        List<ServerSpec> chosen = new ArrayList<>();
        for (String name : servers) {
            ServerSpec s = known.get(name.trim());
            if (s == null) {
                throw oneOfKnown.invalid(name);
            }
            if (chosen.contains(s)) {
                throw CompareFlags.SERVERS.allowing("each server once").invalid(String.join(",", servers));
            }
            chosen.add(s);
        }
        if (chosen.isEmpty()) {
            throw oneOfKnown.invalid("");
        }
        List<String> names = chosen.stream().map(ServerSpec::name).toList();
        String ref = reference != null ? reference
                : names.contains(ServerSpec.REFERENCE) ? ServerSpec.REFERENCE : names.get(names.size() - 1);
        if (!names.contains(ref)) {
            throw CompareFlags.REFERENCE.allowing(String.join("|", names)).invalid(ref);
        }
        Set<Scenario> scenarios = Scenario.parse(only);
        if (strace) {
            scenarios.add(Scenario.SYSCALLS);
        }
        CompareFlags.ROUNDS.check(rounds);
        CompareFlags.SECONDS.check(seconds);
        lessThan(CompareFlags.WARM_UP, warmUp, seconds, "less than --seconds");
        CompareFlags.SERVER_WARM_UP.check(serverWarmUp);
        CompareFlags.THREADS.check(threads);
        CompareFlags.SESSIONS.check(sessions);
        CompareFlags.ROOM_SIZE.check(roomSize);
        if (roomSize > sessions && (scenarios.contains(Scenario.CHAT_CLIMB) || scenarios.contains(Scenario.CHAT_LIGHT)
                || scenarios.contains(Scenario.SYSCALLS))) {
            // The chat scenarios fill rooms from --sessions: refused here, not by the generator mid-run.
            throw CompareFlags.ROOM_SIZE.asFlag().allowing(CompareFlags.ROOM_SIZE.asFlag().allowed()
                    + " (at most --sessions with the chat scenarios)").invalid(roomSize);
        }
        CompareFlags.PAYLOAD.check(payload);
        CompareFlags.LIGHT_RATE.check(lightRate);
        CompareFlags.P99_BUDGET.check(p99Budget);
        CompareFlags.PAST_FAILURE.check(pastFailure);
        CompareFlags.IDLE_SESSIONS.check(idleSessions);
        CompareFlags.ROOM_SESSIONS.check(roomSessions);
        CompareFlags.STRACE_SECONDS.check(straceSeconds);
        int cpus = Runtime.getRuntime().availableProcessors();
        lessThan(CompareFlags.SERVER_CPU, serverCpu, cpus, "this machine's CPUs");
        lessThan(CompareFlags.SWARM_CPU, swarmCpu, cpus, "this machine's CPUs");
        if (!noPin && serverCpu == swarmCpu) {
            throw CompareFlags.SWARM_CPU.allowing("any CPU but the server's (" + serverCpu + ")").invalid(swarmCpu);
        }
        checkRising(chatRates);
        Generator load = Generator.parse(generator);
        List<String> swarmArgs = switch (swarmTransport) {
            case "default" -> List.of();
            case "servercore", "jdk" -> List.of("--transport", swarmTransport);
            default -> throw CompareFlags.SWARM_TRANSPORT.invalid(swarmTransport);
        };
        CompareFlags.CEILING_ECHO_1.check(ceilingEcho1);
        CompareFlags.CEILING_ECHO_16.check(ceilingEcho16);
        CompareFlags.CEILING_CHAT.check(ceilingChat);
        if (!Files.isDirectory(root)) {
            throw CompareFlags.ROOT.invalid(root);
        }
        String cp = nettyClasspath != null ? nettyClasspath
                : root.resolve("benchmarks").resolve("target").resolve("benchmarks.jar").toString();
        Path results = out != null ? out : root.resolve("benchmarks").resolve("results");
        return new Plan(chosen, ref, scenarios, rounds, seconds, warmUp, serverWarmUp, threads, sessions, roomSize,
                payload, chatRates, lightRate, p99Budget, pastFailure, idleSessions, roomSessions, straceSeconds, jfr,
                load, swarmArgs, !noPin, serverCpu, swarmCpu, root, cp, results,
                new Plan.Ceilings(ceilingEcho1, ceilingEcho16, ceilingChat), commandLine);
    }

    /** {@code value} in {@code 0..(bound - 1)}, else the flag's line with that range, which {@code what} bounds. */
    private static void lessThan(Flag flag, int value, int bound, String what) {
        Range range = Range.of(flag.name(), 0, bound - 1);
        if (!range.allows(value)) {
            throw flag.allowing(range.allowed() + " (" + what + ")").invalid(value);
        }
    }

    /** The climb's rates: at least one, each in range, each above the one before. */
    private static void checkRising(List<Double> rates) {
        if (rates.isEmpty()) {
            throw CompareFlags.CHAT_RATES.invalid("");
        }
        double last = 0;
        for (double rate : rates) {
            if (!CHAT_RATE.allows(rate)) {
                throw CompareFlags.CHAT_RATES.invalid(rate);
            }
            if (rate <= last) {
                throw CompareFlags.CHAT_RATES.allowing("rising rates only, each above " + Range.number(last))
                        .invalid(rate);
            }
            last = rate;
        }
    }
}
