package io.servercore.benchmarks.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end comparison: gameserver against the Netty reference server, each in its own
 * JVM with the same heap and thread count, driven by the same dummyclient scenarios in turn,
 * A B A B over several rounds; prints and writes a table of medians and ratios.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.servercore.benchmarks.e2e.Compare [--rounds 3] [--seconds 5]
 * </pre>
 *
 * Run from the repository root (it finds the jars in each module's target folder). Loopback only; every run
 * is bounded in time and stops by itself.
 */
public final class Compare {
    static final String OURS = "gameserver";
    static final String THEIRS = "netty";
    static final double P99_BUDGET_MS = 50;
    /** Seconds of load left out of the figures while the JVMs warm up. */
    static final int WARM_UP_SECONDS = 3;
    /** Seconds of the unmeasured run that warms each server JVM before its measured runs. */
    static final int SERVER_WARM_UP_SECONDS = 5;

    private final int rounds;
    private final int threads;
    private final int seconds;
    private final int idleSessions;
    private final int maxSessionsCap;
    private final Path results;
    private final String only;
    private final Results table = new Results(List.of(OURS, THEIRS));

    private Compare(int rounds, int threads, int seconds, int idleSessions, int maxSessionsCap, Path results,
                    String only) {
        this.only = only;
        this.rounds = rounds;
        this.threads = threads;
        this.seconds = seconds;
        this.idleSessions = idleSessions;
        this.maxSessionsCap = maxSessionsCap;
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        int threads = 1;
        int seconds = 10;
        int idle = 10_000;
        int cap = 19_000;
        Path out = Path.of("benchmarks", "results");
        String only = "all";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds": rounds = Integer.parseInt(args[i + 1]); break;
                case "--threads": threads = Integer.parseInt(args[i + 1]); break;
                case "--seconds": seconds = Integer.parseInt(args[i + 1]); break;
                case "--idle-sessions": idle = Integer.parseInt(args[i + 1]); break;
                case "--max-sessions-cap": cap = Integer.parseInt(args[i + 1]); break;
                case "--out": out = Path.of(args[i + 1]); break;
                case "--only": only = args[i + 1]; break;
                default:
                    System.err.println("compare: unknown flag " + args[i]
                            + "; allowed --rounds --threads --seconds --idle-sessions --max-sessions-cap --out"
                            + " --only echo|chat|idle|max");
                    System.exit(2);
            }
        }
        new Compare(rounds, threads, seconds, idle, cap, out, only).run();
    }

    /**
     * With two cores or more, the server runs on core 0 and the swarm on core 1, so that each
     * has a core of its own and the server's CPU time measures the server alone.
     */
    private static List<String> pinned(int core) {
        return PINNED ? List.of("taskset", "-c", String.valueOf(core)) : List.of();
    }

    private static final boolean PINNED = Runtime.getRuntime().availableProcessors() >= 2
            && Files.isExecutable(Path.of("/usr/bin/taskset"));

    private List<String> serverCommand(String server) {
        List<String> cmd = new ArrayList<>(pinned(0));
        cmd.addAll(List.of(java(), "-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=1g"));
        if (server.equals(OURS)) {
            cmd.addAll(List.of("-jar", jar("gameserver"), "--host", "127.0.0.1", "--port", "0",
                    "--threads", String.valueOf(threads), "--packet-rate", "0", "--max-sessions", "100000",
                    "--idle-timeout", "0", "--stats-interval", "0"));
        } else {
            cmd.addAll(List.of("-cp", jar("benchmarks"), "io.servercore.benchmarks.netty.NettyMain",
                    "--host", "127.0.0.1", "--port", "0", "--threads", String.valueOf(threads),
                    "--packet-rate", "0", "--idle-timeout", "0"));
        }
        return cmd;
    }

    private List<String> swarm() {
        List<String> cmd = new ArrayList<>(pinned(1));
        cmd.addAll(List.of(java(), "-Xms1g", "-Xmx2g", "-jar", jar("dummyclient"), "--threads", String.valueOf(threads)));
        return cmd;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar(String module) {
        Path jar = Path.of(module, "target", module + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn -q -pl benchmarks -am package -DskipTests'"
                    + " from the repository root first");
        }
        return jar.toString();
    }

    private void run() throws Exception {
        for (int round = 1; round <= rounds; round++) {
            for (String server : List.of(OURS, THEIRS)) {
                System.out.printf("round %d of %d: %s%n", round, rounds, server);
                if (runs("echo")) {
                    for (int sessions : new int[] {1, 100, 1000}) {
                        echo(server, sessions);
                    }
                }
                if (runs("chat")) {
                    chat(server, 1, 100);
                    chat(server, 10, 100);
                }
                if (runs("idle")) {
                    idleMemory(server);
                }
                if (runs("max")) {
                    maxSessions(server);
                }
            }
        }
        String md = report();
        System.out.println(md);
        Files.createDirectories(results);
        Path file = results.resolve("e2e-" + LocalDate.now() + (only.equals("all") ? "" : "-" + only) + ".md");
        Files.writeString(file, md, StandardCharsets.UTF_8);
        System.out.println("written to " + file);
    }

    private boolean runs(String scenario) {
        return only.equals("all") || only.equals(scenario);
    }

    private void echo(String server, int sessions) throws Exception {
        try (ServerProcess s = ServerProcess.start(server, serverCommand(server))) {
            List<String> args = List.of("--mode", "echo", "--clients", String.valueOf(sessions), "--window", "16",
                    "--connect-rate", "10000");
            warmUp(s, args);
            double cpuBefore = s.cpuSeconds();
            SwarmRun r = SwarmRun.run(swarm(), s.port(), with(args, "--duration", String.valueOf(seconds)), 120);
            double perCpuSecond = r.figure("echo", "roundTrips") / (s.cpuSeconds() - cpuBefore);
            String scenario = "echo, " + sessions + (sessions == 1 ? " session" : " sessions") + ", 16 pings in flight each";
            checkConnected(r, sessions, server);
            double trips = r.steadyRate(WARM_UP_SECONDS);
            double p99 = r.steadyP99(WARM_UP_SECONDS);
            System.out.printf("  %s: %,.0f round trips/s, worst second's p99 %.1f ms%n", scenario, trips, p99);
            table.add(new Results.Row(scenario, "round trips", "/s", true), server, trips);
            table.add(new Results.Row(scenario, "round trip p99, worst second", "ms", false), server, p99);
            table.add(new Results.Row(scenario, "round trips per second of server CPU", "/cpu-s", true), server,
                    perCpuSecond);
        }
    }

    /**
     * Raises the chat rate step by step until p99 passes the budget or the server falls behind
     * what was asked; records the most deliveries sustained within the budget, and the most
     * delivered at all with its p99.
     */
    private void chat(String server, int rooms, int perRoom) throws Exception {
        String scenario = "chat, " + rooms + (rooms == 1 ? " room" : " rooms") + " of " + perRoom;
        double sustained = 0;
        double peak = 0;
        double peakP99 = Double.NaN;
        double bestEfficiency = 0;
        List<String> base = List.of("--clients", String.valueOf(rooms * perRoom), "--rooms", String.valueOf(rooms),
                "--move-rate", "0", "--ping-interval", "0", "--payload", "64", "--connect-rate", "10000");
        try (ServerProcess s = ServerProcess.start(server, serverCommand(server))) {
            warmUp(s, with(base, "--chat-rate", "2"));
            for (double rate = 1; rate <= 256; rate *= 2) {
                double cpuBefore = s.cpuSeconds();
                SwarmRun r = SwarmRun.run(swarm(), s.port(),
                        with(base, "--chat-rate", fmt(rate), "--duration", String.valueOf(seconds)), 180);
                double perCpuSecond = r.figure("chats", "delivered") / (s.cpuSeconds() - cpuBefore);
                bestEfficiency = Math.max(bestEfficiency, perCpuSecond);
                checkConnected(r, rooms * perRoom, server);
                double delivered = r.steadyRate(WARM_UP_SECONDS);
                double achieved = r.steadyAchieved(WARM_UP_SECONDS);
                double p99 = r.steadyP99(WARM_UP_SECONDS);
                System.out.printf("  %s at %s chats/s each: %,.0f deliveries/s, p99 %.1f ms, %.0f%% of the asked"
                        + " rate sent%n", scenario, fmt(rate), delivered, p99, achieved);
                if (delivered > peak) {
                    peak = delivered;
                    peakP99 = p99;
                }
                if (p99 < P99_BUDGET_MS && achieved >= 95) {
                    sustained = Math.max(sustained, delivered);
                } else {
                    break; // past saturation: higher rates only queue more
                }
            }
        }
        table.add(new Results.Row(scenario, "deliveries sustained with p99 < 50 ms", "/s", true), server, sustained);
        table.add(new Results.Row(scenario, "most deliveries at any rate", "/s", true), server, peak);
        table.add(new Results.Row(scenario, "p99 at the most deliveries, worst second", "ms", false), server, peakP99);
        table.add(new Results.Row(scenario, "deliveries per second of server CPU, best step", "/cpu-s", true), server,
                bestEfficiency);
    }

    /** An unmeasured run of the scenario, so that the measured ones meet a warm server JVM. */
    private void warmUp(ServerProcess s, List<String> args) throws Exception {
        SwarmRun.run(swarm(), s.port(), with(args, "--duration", String.valueOf(SERVER_WARM_UP_SECONDS)), 120);
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    private static void checkConnected(SwarmRun r, int asked, String server) {
        double connected = r.figure("sessions", "connected");
        if (connected < asked) {
            System.out.printf("  warning: only %.0f of %d sessions connected to %s; the figures cover those%n",
                    connected, asked, server);
        }
    }

    /** Resident memory per idle connected session: RSS before and after opening them. */
    private void idleMemory(String server) throws Exception {
        try (ServerProcess s = ServerProcess.start(server, serverCommand(server))) {
            settle();
            long before = s.rssKiB();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < idleSessions; i++) {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 5_000);
                    sockets.add(socket);
                }
                ping(s.port()); // answered only once the server has caught up with the accepts
                settle();
                long after = s.rssKiB();
                table.add(new Results.Row("idle sessions, " + idleSessions, "resident memory per session", "bytes", false),
                        server, (after - before) * 1024.0 / idleSessions);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    /** Opens sessions 1,000 at a time until one is refused or a ping takes over a second. */
    private void maxSessions(String server) throws Exception {
        try (ServerProcess s = ServerProcess.start(server, serverCommand(server))) {
            List<Socket> sockets = new ArrayList<>();
            int held = 0;
            try {
                while (held < maxSessionsCap) {
                    for (int i = 0; i < 1000 && held < maxSessionsCap; i++, held++) {
                        Socket socket = new Socket();
                        socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 2_000);
                        sockets.add(socket);
                    }
                    long start = System.nanoTime();
                    ping(s.port());
                    if (System.nanoTime() - start > 1_000_000_000L) {
                        break;
                    }
                }
            } catch (IOException refused) {
                System.out.printf("  %s stopped at %,d sessions: %s%n", server, held, refused);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            table.add(new Results.Row("most sessions held (capped at " + maxSessionsCap + ", the machine's descriptor limit)",
                    "sessions", "count", true), server, held);
        }
    }

    /** One C_Ping, answered within 10 s. */
    private static void ping(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {12, 0, 10, 0, 7, 0, 0, 0, 0, 0, 0, 0});
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] pong = in.readNBytes(12);
            if (pong.length != 12 || pong[2] != 11) {
                throw new IOException("no S_Pong");
            }
        }
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(2_000); // let the server's threads and allocator go quiet before reading RSS
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private String report() throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("# End-to-end: gameserver against the Netty reference server\n\n");
        md.append("- date: ").append(LocalDate.now()).append('\n');
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", JDK ").append(System.getProperty("java.vm.version")).append('\n');
        md.append(String.format(Locale.ROOT, "- each server: its own JVM, -Xms1g -Xmx1g, %d I/O thread(s), rate limit off;"
                + " the swarm (dummyclient) in a third JVM%s%n", threads, PINNED
                ? "; server pinned to core 0 and swarm to core 1 (taskset), so each has a core of its own"
                : " on the same cores"));
        md.append("- \"per second of server CPU\": the run's total work divided by the CPU time the server process used"
                + " during it (/proc); it measures the server's cost when the swarm, not the server, is the limit\n");
        md.append(String.format(Locale.ROOT, "- %d rounds, A B A B; each server JVM first serves %d s of the scenario"
                + " unmeasured; then %d s of load per run, of which the first %d are left out (the swarm's own"
                + " JVM warm-up); rates are the mean of the remaining seconds, p99 the worst of their"
                + " one-second p99s; medians below, every round's figure in the raw columns%n", rounds,
                SERVER_WARM_UP_SECONDS, seconds, WARM_UP_SECONDS));
        md.append("- chat: each session chats at a fixed rate (64-byte chats, no moves or pings); the rate doubles"
                + " from 1/s until the worst second's p99 passes 50 ms or the swarm cannot send what it asks\n\n");
        md.append(table.markdown());
        return md.toString();
    }
}
