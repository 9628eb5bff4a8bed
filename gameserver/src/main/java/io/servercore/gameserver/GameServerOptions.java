package io.servercore.gameserver;

import io.servercore.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code java -jar gameserver.jar}. Picocli fills the fields; {@link #toConfig()}
 * checks the ranges. Defaults are PROTOCOL.md's.
 *
 * <p>Not thread-safe; used once by {@code main}.
 */
@Command(name = "gameserver", mixinStandardHelpOptions = true, version = "gameserver 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "The chat and room server of PROTOCOL.md, on servercore.")
final class GameServerOptions {
    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7777",
            description = "Port to listen on, 0..65535; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "I/O threads, 1..1024; 0 means one per core (default: one per core).")
    int threads;

    @Option(names = "--transport", paramLabel = "NAME",
            description = "The port under the engine: servercore (its own selector loops) or jdk (the JDK's "
                    + "provider) (default: servercore on Linux, jdk elsewhere).")
    String transport;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "10000",
            description = "Connections served at once; more are closed at once (default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--max-frame", paramLabel = "BYTES", defaultValue = "4096",
            description = "Inbound frame limit, header included, 4..65535 (default: ${DEFAULT-VALUE}).")
    int maxFrameSize;

    @Option(names = "--room-capacity", paramLabel = "N", defaultValue = "1000",
            description = "Members a room holds (default: ${DEFAULT-VALUE}).")
    int roomCapacity;

    @Option(names = "--chat-limit", paramLabel = "BYTES", defaultValue = "1024",
            description = "Longest chat in UTF-8 bytes (default: ${DEFAULT-VALUE}).")
    int chatLimit;

    @Option(names = "--packet-rate", paramLabel = "N", defaultValue = "200",
            description = "Packets a second per session, 0 = off (default: ${DEFAULT-VALUE}).")
    int packetRate;

    @Option(names = "--packet-burst", paramLabel = "N", defaultValue = "400",
            description = "Packets a session may send at once above its rate (default: ${DEFAULT-VALUE}).")
    int packetBurst;

    @Option(names = "--outbound-limit", paramLabel = "BYTES", defaultValue = "4194304",
            description = "Bytes queued for one session before it is cut (default: ${DEFAULT-VALUE}, 4 MiB).")
    long outboundLimit;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds without a complete frame before a session is cut, 0 = never (default: ${DEFAULT-VALUE}).")
    double idleTimeoutSeconds;

    @Option(names = "--broadcast-tick", paramLabel = "MS", defaultValue = "0",
            description = "Milliseconds a room gathers its broadcasts before it sends them to each member as one "
                    + "packet batch, 0..1000; 0 hands each broadcast over at once and lets the engine batch what a "
                    + "loop iteration sent (default: ${DEFAULT-VALUE}).")
    long broadcastTickMillis;

    @Option(names = "--stats-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between stats lines, 0 = none (default: ${DEFAULT-VALUE}).")
    double statsSeconds;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "0",
            description = "Serve Prometheus metrics on http://--metrics-host:PORT/metrics, and /health (200 while "
                    + "accepting, 503 while shutting down), 0..65535; 0 = off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-host", paramLabel = "ADDR",
            description = "Address the metrics endpoint listens on; only with --metrics-port (default: "
                    + GameServerConfig.DEFAULT_METRICS_HOST + ").")
    String metricsHost;

    /** @throws IllegalArgumentException naming the flag, its value and what is allowed */
    GameServerConfig toConfig() {
        int ioThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (threads < 0) {
            throw new IllegalArgumentException("invalid --threads " + threads + ": allowed 0..1024 (0 = one per core)");
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("invalid --metrics-port " + metricsPort + ": allowed 0..65535 (0 = off)");
        }
        if (metricsHost != null && metricsPort == 0) {
            throw new IllegalArgumentException("invalid --metrics-host '" + metricsHost
                    + "': allowed only with --metrics-port");
        }
        return new GameServerConfig(host, port, ioThreads, maxSessions, maxFrameSize, roomCapacity, chatLimit,
                packetRate, packetBurst, outboundLimit, millis("--idle-timeout", idleTimeoutSeconds),
                millis("--stats-interval", statsSeconds), transport(transport), broadcastTickMillis,
                metricsHost != null ? metricsHost : GameServerConfig.DEFAULT_METRICS_HOST, metricsPort);
    }

    /** The transport named by {@code --transport}, or the platform's default when it is not given. */
    static Transport transport(String name) {
        if (name == null) {
            return Transport.defaultTransport();
        }
        try {
            return Transport.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --transport " + name + ": allowed " + Transport.allowed());
        }
    }

    // ---- cluster (issue 14): rooms shared with other nodes through NATS ----

    @Option(names = "--cluster", paramLabel = "nats://HOST:PORT",
            description = "Join the cluster of the NATS server (with JetStream) at this URL; every node needs the "
                    + "same --room-capacity (default: none, a single node).")
    String cluster;

    @Option(names = "--node-name", paramLabel = "NAME",
            description = "This node's name in the cluster, 1..64 of A-Z a-z 0-9 _ - (default: node- and 8 random "
                    + "hex digits).")
    String nodeName;

    /** The cluster to join, or null for a single node; {@code config} gives the room capacity. */
    io.servercore.gameserver.cluster.ClusterConfig toClusterConfig(GameServerConfig config) {
        if (cluster == null) {
            if (nodeName != null) {
                throw new IllegalArgumentException("invalid --node-name '" + nodeName + "': allowed only with --cluster");
            }
            return null;
        }
        return new io.servercore.gameserver.cluster.ClusterConfig(cluster, nodeName != null ? nodeName
                : io.servercore.gameserver.cluster.ClusterConfig.defaultNodeName(), config.roomCapacity());
    }

    private static long millis(String flag, double seconds) {
        if (Double.isNaN(seconds) || seconds < 0 || seconds > 86_400) {
            throw new IllegalArgumentException("invalid " + flag + " " + seconds + ": allowed 0..86400 seconds");
        }
        return Math.round(seconds * 1000);
    }
}
