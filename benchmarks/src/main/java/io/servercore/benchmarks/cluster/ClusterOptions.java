package io.servercore.benchmarks.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@link ClusterBench}. Picocli fills the fields; {@link #toLoad()} checks
 * them against {@link ClusterFlags}, whose words each description repeats.
 *
 * <p>Not thread-safe; used once by {@code main}.
 */
@Command(name = "cluster-bench", mixinStandardHelpOptions = true, version = "cluster-bench 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"What the hop between gameserver nodes costs: one chat load on one gameserver, on one cluster "
                + "node alone (publishing every broadcast to NATS with nobody to receive it), and split over two "
                + "nodes, so that half of all deliveries cross NATS. Each row is chat deliveries a second and the "
                + "chat latency's p99, steady state, from the dummyclient swarm's progress lines.",
                "It starts its own nats-server -js on a free loopback port, each gameserver and the swarm in JVMs of "
                        + "their own (jars from gameserver/target and dummyclient/target: run it from the repository "
                        + "root after 'mvn -q -pl benchmarks -am package -DskipTests'), and stops every process it "
                        + "started.",
                "Exit status: 0 with the table printed; 1 when nats-server, a jar, a node or the swarm could not run; "
                        + "2 for a bad flag."})
final class ClusterOptions {
    @Option(names = "--clients", paramLabel = "N", defaultValue = "200",
            description = "Swarm players, and each node's room capacity, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rooms", paramLabel = "N", defaultValue = "1",
            description = "Rooms the players are dealt into, 1..1000000, at most --clients (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--chat-rate", paramLabel = "PER_S", defaultValue = "20",
            description = "Chats a second each player sends, 0.001..1000 (default: ${DEFAULT-VALUE}).")
    double chatRate;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "10",
            description = "Seconds of load in each row, 1..3600 (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "3",
            description = "First seconds of each row's load left out of its figures, 0..3599, less than --duration "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmup;

    /** The load of every row. */
    record Load(int clients, int rooms, double chatRate, int duration, int warmup) {
    }

    /** @throws IllegalArgumentException naming the first flag out of range, its value and what is allowed */
    Load toLoad() {
        ClusterFlags.CLIENTS.check(clients);
        if (rooms < 1 || rooms > 1_000_000) {
            throw ClusterFlags.ROOMS.invalid(rooms);
        }
        ClusterFlags.within(ClusterFlags.ROOMS, rooms, 1, clients, "at most --clients");
        ClusterFlags.CHAT_RATE.check(chatRate);
        ClusterFlags.DURATION.check(duration);
        ClusterFlags.within(ClusterFlags.WARMUP, warmup, 0, duration - 1, "less than --duration");
        return new Load(clients, rooms, chatRate, duration, warmup);
    }
}
