package io.servercore.benchmarks.cluster;

import io.servercore.cli.Flags;
import io.servercore.cli.Parsed;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * What the hop between nodes costs: one chat room's members on one gameserver, beside the same
 * members and load split across two nodes of a cluster (and, between them, one cluster node
 * alone, which publishes every broadcast to NATS with nobody to receive it). Each row is chat
 * deliveries a second and the chat latency's p99 (send to echo at the sender), steady state,
 * from the dummyclient swarm's progress lines with the warm-up seconds left out.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.servercore.benchmarks.cluster.ClusterBench [--help]
 * </pre>
 *
 * It starts its own {@code nats-server -js} on a free loopback port, each gameserver and the
 * swarm in JVMs of their own (jars from {@code gameserver/target} and {@code dummyclient/target}),
 * and stops every process it started by PID. The swarm spreads each room over the nodes
 * ({@code --targets}); with two nodes half of every room's members are on each, so half of all
 * deliveries cross NATS. On a 2-core machine the nodes, nats-server and the swarm share the
 * cores: the figures say what a hop costs in CPU there, not what two machines would do. A bad
 * flag is answered in one line naming the value and what is allowed ({@link ClusterFlags}),
 * exit status 2, before anything starts.
 *
 * <p>Single-threaded: the runner's thread does everything, in order.
 */
public final class ClusterBench {
    /** The name its lines begin with. */
    static final String COMMAND = "cluster-bench";
    static final int FAILED = 1;

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern LOAD_LINE = Pattern.compile("^\\[\\s*\\d+s\\] load ");
    private static final Pattern DELIVERED = Pattern.compile("delivered (\\d+)/s");
    private static final Pattern P99 = Pattern.compile("p99 ([0-9.]+) ms");

    private final ClusterOptions.Load load;
    private final PrintWriter out;

    private ClusterBench(ClusterOptions.Load load, PrintWriter out) {
        this.load = load;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * Runs the command line and returns its exit status: 0 with the table printed, 1 when
     * something it needs could not run, {@link Flags#USAGE} for a bad flag. Public for the docs'
     * check that every flag a README gives this main is in its {@code --help}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        ClusterOptions options = new ClusterOptions();
        Parsed<ClusterOptions.Load> parsed = ClusterFlags.ALL.parse(COMMAND, new CommandLine(options), args, out, err,
                options::toLoad);
        if (!parsed.runs()) {
            return parsed.status();
        }
        ClusterOptions.Load load = parsed.settings();
        try {
            new ClusterBench(load, out).run(natsServer(), jar("gameserver"), jar("dummyclient"));
            return 0;
        } catch (IOException e) {
            err.println(COMMAND + ": " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(COMMAND + ": interrupted");
            return FAILED;
        }
    }

    private record Row(String scenario, double deliveries, double p99, int seconds) {
    }

    private void run(String nats, String gameserver, String dummyclient) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("cluster-bench");
        List<Row> rows = new ArrayList<>();
        try (Proc server = startNats(nats, dir)) {
            String url = server.await(Pattern.compile("Listening for client connections on (\\S+)"), 10);
            url = "nats://" + url;
            rows.add(scenario("1 node, no cluster", dir, gameserver, dummyclient, List.of(List.of())));
            rows.add(scenario("1 node, --cluster", dir, gameserver, dummyclient, List.of(cluster(url, "n1"))));
            rows.add(scenario("2 nodes, room split", dir, gameserver, dummyclient,
                    List.of(cluster(url, "n1"), cluster(url, "n2"))));
        }
        out.printf(Locale.ROOT, "%n%d clients in %d room(s), %.1f chats/s each, %d s of load (%d s warm-up left out)%n%n",
                load.clients(), load.rooms(), load.chatRate(), load.duration(), load.warmup());
        out.println("| scenario | chat deliveries/s | p99 (ms) | seconds measured |");
        out.println("|---|---:|---:|---:|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %d |%n", r.scenario, r.deliveries, r.p99, r.seconds);
        }
        out.println();
        out.println("the swarm's output of each row: " + dir);
    }

    private static List<String> cluster(String url, String name) {
        return List.of("--cluster", url, "--node-name", name);
    }

    private Row scenario(String name, Path dir, String gameserver, String dummyclient, List<List<String>> nodes)
            throws IOException, InterruptedException {
        List<Proc> started = new ArrayList<>();
        try {
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                List<String> command = new ArrayList<>(List.of(java(), "-Xms512m", "-Xmx1g", "-jar", gameserver,
                        "--host", "127.0.0.1", "--port", "0", "--threads", "1", "--packet-rate", "0",
                        "--stats-interval", "0", "--room-capacity", Integer.toString(load.clients())));
                command.addAll(nodes.get(i));
                Proc node = new Proc("node" + i, command);
                started.add(node);
                targets.add("127.0.0.1:" + node.await(LISTENING, 30));
            }
            Proc swarm = new Proc("swarm", List.of(java(), "-Xms512m", "-Xmx1g", "-jar", dummyclient,
                    "--targets", String.join(",", targets), "--clients", Integer.toString(load.clients()),
                    "--rooms", Integer.toString(load.rooms()), "--connect-rate", "2000",
                    "--chat-rate", Double.toString(load.chatRate()), "--move-rate", "0", "--ping-interval", "0",
                    "--duration", Integer.toString(load.duration()), "--threads", "1"));
            started.add(swarm);
            if (!swarm.waitFor(load.duration() + 60L)) {
                throw new IOException("the swarm did not finish: " + swarm.output());
            }
            swarm.saveTo(dir.resolve(name.replaceAll("\\W+", "-") + ".log"));
            return steady(name, swarm.output());
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    /** The median deliveries/s and p99 of the load seconds after the warm-up, the last (partial) one left out. */
    private Row steady(String name, List<String> lines) {
        List<Double> deliveries = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        for (String line : lines) {
            if (LOAD_LINE.matcher(line).find()) {
                Matcher d = DELIVERED.matcher(line);
                Matcher p = P99.matcher(line);
                if (d.find() && p.find()) {
                    deliveries.add(Double.parseDouble(d.group(1)));
                    p99s.add(Double.parseDouble(p.group(1)));
                }
            }
        }
        int from = Math.min(load.warmup(), deliveries.size());
        int to = Math.max(from, deliveries.size() - 1);
        List<Double> d = deliveries.subList(from, to);
        List<Double> p = p99s.subList(from, to);
        return new Row(name, median(d), median(p), d.size());
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** The nats-server binary, looked for where the packages put it. */
    private static String natsServer() throws IOException {
        for (String candidate : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new IOException("nats-server not found; install it with: apt-get install nats-server");
    }

    private static Proc startNats(String binary, Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return new Proc("nats", List.of(binary, "-js", "-a", "127.0.0.1", "-p", Integer.toString(port), "-sd",
                dir.resolve("nats").toString()));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar(String module) throws IOException {
        Path jar = Path.of(module, "target", module + ".jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: run 'mvn -q -pl benchmarks -am package -DskipTests'"
                    + " from the repository root first");
        }
        return jar.toString();
    }
}
