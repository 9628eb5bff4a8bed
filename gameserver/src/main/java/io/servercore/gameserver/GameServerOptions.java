package io.servercore.gameserver;

import static io.servercore.gameserver.GameServerFlags.IDLE_TIMEOUT;
import static io.servercore.gameserver.GameServerFlags.METRICS_HOST;
import static io.servercore.gameserver.GameServerFlags.STATS_INTERVAL;

import io.servercore.gameserver.cluster.ClusterConfig;
import io.servercore.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code java -jar gameserver.jar}. Picocli fills the fields; {@link #toConfig()}
 * checks them against {@link GameServerFlags}, whose words each description repeats. Defaults are
 * those of the protocol (docs/protocol.md).
 *
 * <p>Not thread-safe; used once by {@code main}.
 */
@Command(name = "gameserver", mixinStandardHelpOptions = true, version = "gameserver 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "The chat and room server of the wire protocol in docs/protocol.md, on servercore.")
final class GameServerOptions {
    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address to listen on, a host name or address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7777",
            description = "Port to listen on, 0 (any free port) or 1..65535 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "I/O threads, 0 (one per core) or 1..1024 (default: 0, one per core).")
    int threads;

    @Option(names = "--transport", paramLabel = "NAME",
            description = "The port under the engine, servercore|jdk: servercore's own selector loops, or the JDK's "
                    + "provider (default: servercore on Linux, jdk elsewhere).")
    String transport;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "10000",
            description = "Connections served at once, 1..2147483647; more are closed at once "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--max-frame", paramLabel = "BYTES", defaultValue = "4096",
            description = "Inbound frame limit, header included, 4..65535 (default: ${DEFAULT-VALUE}).")
    int maxFrameSize;

    @Option(names = "--room-capacity", paramLabel = "N", defaultValue = "1000",
            description = "Members a room holds, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int roomCapacity;

    @Option(names = "--chat-limit", paramLabel = "BYTES", defaultValue = "1024",
            description = "Longest chat in UTF-8 bytes, 1..65525 (default: ${DEFAULT-VALUE}).")
    int chatLimit;

    @Option(names = "--packet-rate", paramLabel = "N", defaultValue = "200",
            description = "Packets a second per session, 0 (off) or 1..1000000 (default: ${DEFAULT-VALUE}).")
    int packetRate;

    @Option(names = "--packet-burst", paramLabel = "N", defaultValue = "400",
            description = "Packets a session may send at once above its rate, 1..10000000 (default: ${DEFAULT-VALUE}).")
    int packetBurst;

    @Option(names = "--outbound-limit", paramLabel = "BYTES", defaultValue = "4194304",
            description = "Bytes queued for one session before it is cut, 65536..1099511627776 "
                    + "(default: ${DEFAULT-VALUE}, 4 MiB).")
    long outboundLimit;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds without a complete frame before a session is cut, 0 (never) or 0.001..86400 "
                    + "(default: ${DEFAULT-VALUE}).")
    double idleTimeoutSeconds;

    @Option(names = "--broadcast-tick", paramLabel = "MS", defaultValue = "10",
            description = "Milliseconds a room gathers its broadcasts before it sends them to each member as one "
                    + "packet batch, 0 (off) or 1..1000; off hands each broadcast over at once and lets the engine "
                    + "batch what a loop iteration sent (default: ${DEFAULT-VALUE}, chosen by measurement: see "
                    + "benchmarks/results/e2e-2026-12-01.md).")
    long broadcastTickMillis;

    @Option(names = "--stats-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between stats lines, 0 (none) or 0.001..86400 (default: ${DEFAULT-VALUE}).")
    double statsSeconds;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "0",
            description = "Serve Prometheus metrics on http://--metrics-host:PORT/metrics, and /health (200 while "
                    + "accepting, 503 while shutting down), 0 (off) or 1..65535 (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-host", paramLabel = "ADDR",
            description = "Address the metrics endpoint listens on, a host name or address; only with --metrics-port "
                    + "(default: " + GameServerConfig.DEFAULT_METRICS_HOST + ").")
    String metricsHost;

    @Option(names = "--cluster", paramLabel = "nats://HOST:PORT",
            description = "Join the cluster of the NATS server (with JetStream) at this URL, nats://HOST:PORT; every "
                    + "node needs the same --room-capacity (default: none, a single node).")
    String cluster;

    @Option(names = "--node-name", paramLabel = "NAME",
            description = "This node's name in the cluster, 1 to 64 of A-Z a-z 0-9 _ -; only with --cluster "
                    + "(default: node- and 8 random hex digits).")
    String nodeName;

    /** @throws IllegalArgumentException naming the flag, its value and what is allowed */
    GameServerConfig toConfig() {
        IDLE_TIMEOUT.check(idleTimeoutSeconds);
        STATS_INTERVAL.check(statsSeconds);
        if (metricsHost != null && metricsPort == 0) {
            throw METRICS_HOST.allowing("only with --metrics-port").invalid(metricsHost);
        }
        return new GameServerConfig(host, port, threads, maxSessions, maxFrameSize, roomCapacity, chatLimit,
                packetRate, packetBurst, outboundLimit, Math.round(idleTimeoutSeconds * 1000),
                Math.round(statsSeconds * 1000), transport(transport), broadcastTickMillis,
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
            throw GameServerFlags.TRANSPORT.invalid(name);
        }
    }

    /** The cluster to join, or null for a single node; {@code config} gives the room capacity. */
    ClusterConfig toClusterConfig(GameServerConfig config) {
        if (cluster == null) {
            if (nodeName != null) {
                throw ClusterConfig.NODE_NAME.allowing("only with --cluster").invalid(nodeName);
            }
            return null;
        }
        return new ClusterConfig(cluster, nodeName != null ? nodeName : ClusterConfig.defaultNodeName(),
                config.roomCapacity());
    }
}
