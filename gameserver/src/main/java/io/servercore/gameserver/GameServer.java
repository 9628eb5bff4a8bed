package io.servercore.gameserver;

import io.servercore.buffer.SendBufferManager;
import io.servercore.gameserver.cluster.ClusterConfig;
import io.servercore.gameserver.cluster.ClusterNode;
import io.servercore.gameserver.metrics.MetricsEndpoint;
import io.servercore.gameserver.protocol.S_Error;
import io.servercore.gameserver.protocol.ServerPacketManager;
import io.servercore.job.Cancellable;
import io.servercore.net.DisconnectReason;
import io.servercore.net.IoCore;
import io.servercore.net.ServerService;
import io.servercore.net.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running chat and room server: the engine, the listener, the rooms, the stats line and, with
 * a metrics port, the Prometheus endpoint ({@link MetricsEndpoint}: {@code /metrics} and
 * {@code /health}). {@link #start(GameServerConfig)} binds and serves; {@link #shutdown(Duration)}
 * stops it gracefully: {@code /health} answers 503 from its first step and the endpoint stops
 * after the engine, so that a load balancer sees the server leave and a scrape sees its last
 * disconnects.
 *
 * <p>With a {@link ClusterConfig} the server is a node of a cluster ({@link ClusterNode}): its rooms
 * are shared with the other nodes through NATS, and a graceful shutdown says goodbye after its
 * members' leaves went out.
 *
 * <p>Thread-safe: {@code shutdown} and {@code close} may be called from any thread, once or more.
 */
public final class GameServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GameServer.class);
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final GameServerConfig config;
    private final IoCore core;
    private final RoomManager rooms;
    private final ServerPacketManager<ClientSession> packets;
    private final SendBufferManager pool = SendBufferManager.shared();
    /** The cluster this node belongs to; null on a single node, and then no NATS class is loaded. */
    private volatile ClusterNode cluster;
    private volatile ServerService service;
    private volatile ServerStats stats;
    private volatile Cancellable statsLine;
    /** The Prometheus endpoint; null without a metrics port, and then no Prometheus class is loaded. */
    private volatile MetricsEndpoint metrics;
    private volatile boolean stopped;

    private GameServer(GameServerConfig config, IoCore core) {
        this.config = config;
        this.core = core;
        this.rooms = new RoomManager(this);
        this.packets = new ServerPacketManager<>(new GameHandler(config, rooms));
    }

    /**
     * Binds {@code host:port} and starts serving.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    public static GameServer start(GameServerConfig config) throws IOException {
        return start(config, null);
    }

    /**
     * Binds {@code host:port} and starts serving as a node of the cluster {@code cluster}
     * describes, or alone when it is null.
     *
     * @throws IOException naming the address when it cannot be bound, or naming NATS when the
     *         cluster cannot be joined
     */
    public static GameServer start(GameServerConfig config, ClusterConfig cluster) throws IOException {
        return start(config, cluster, config.metricsAddress());
    }

    /**
     * As {@link #start(GameServerConfig, ClusterConfig)}, with the metrics endpoint at
     * {@code metricsAddress} (port 0 picks a free one, as tests want) or none when it is null.
     */
    static GameServer start(GameServerConfig config, ClusterConfig cluster, InetSocketAddress metricsAddress)
            throws IOException {
        IoCore core = new IoCore("io", config.threads(), config.transport());
        GameServer server = new GameServer(config, core);
        try {
            if (cluster != null) {
                server.cluster = ClusterListener.join(cluster, server.rooms);
            }
            server.service = ServerService.start(core, config.serviceConfig(), () -> new ClientSession(server));
            if (metricsAddress != null) {
                server.metrics = MetricsEndpoint.start(metricsAddress, server.service.stats(), server.rooms::count,
                        server::accepting);
            }
        } catch (IOException | RuntimeException e) {
            if (server.cluster != null) {
                server.cluster.close();
            }
            core.close();
            throw e;
        }
        server.stats = new ServerStats(server.service.stats(), server.rooms::count);
        if (config.statsMillis() > 0) {
            server.statsLine = core.timer().scheduleAtFixedRate(server.stats::report, config.statsMillis(),
                    TimeUnit.MILLISECONDS);
        }
        log.info("gameserver listening on {}:{} ({} I/O threads on the {} transport, max {} sessions, room capacity {})",
                config.host(), server.address().getPort(), config.threads(), config.transport(), config.maxSessions(),
                config.roomCapacity());
        MetricsEndpoint endpoint = server.metrics;
        if (endpoint != null) {
            log.info("metrics on http://{}:{}/metrics, health on /health", config.metricsHost(),
                    endpoint.address().getPort());
        }
        return server;
    }

    /** The metrics endpoint's bound address, or null when it has none. */
    InetSocketAddress metricsAddress() {
        MetricsEndpoint endpoint = metrics;
        return endpoint == null ? null : endpoint.address();
    }

    /** Whether the server accepts players: from start until a shutdown begins. */
    boolean accepting() {
        return service != null && !stopped;
    }

    /** The bound address; tells the port when the config asked for 0. */
    public InetSocketAddress address() {
        return service.localAddress();
    }

    GameServerConfig config() {
        return config;
    }

    /** The cluster this node belongs to, or null on a single node. */
    ClusterNode cluster() {
        return cluster;
    }

    IoCore core() {
        return core;
    }

    RoomManager rooms() {
        return rooms;
    }

    ServerStats stats() {
        return stats;
    }

    ServerPacketManager<ClientSession> packets() {
        return packets;
    }

    SendBufferManager pool() {
        return pool;
    }

    /** Sessions connected now. */
    public int sessionCount() {
        ServerService s = service;
        return s == null ? 0 : s.sessionCount();
    }

    /**
     * Stops accepting, tells every session {@code S_Error(5)}, closes each once that notice is
     * written, waits up to {@code grace} for them, then stops the engine.
     */
    public void shutdown(Duration grace) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        log.info("gameserver shutting down: {} sessions", sessionCount());
        Cancellable line = statsLine;
        if (line != null) {
            line.cancel();
        }
        ServerService s = service;
        s.stopAccepting();
        S_Error notice = new S_Error(ErrorCode.SHUTTING_DOWN.code, "server shutting down");
        for (Session session : s.sessions()) {
            session.sendLast(notice.write(pool), DisconnectReason.SHUTDOWN);
        }
        if (!s.awaitSessionsClosed(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("{} sessions still open after {} ms (not reading?); closing them", s.sessionCount(),
                    grace.toMillis());
        }
        ClusterNode node = cluster;
        if (node != null) {
            node.close(); // the members' leaves are published; now the goodbye
        }
        core.close(); // closes the service: whoever is left is cut now
        MetricsEndpoint endpoint = metrics;
        if (endpoint != null) {
            endpoint.close();
        }
        log.info("gameserver stopped");
    }

    @Override
    public void close() {
        shutdown(DEFAULT_GRACE);
    }
}
