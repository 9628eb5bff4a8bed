package io.servercore.gameserver;

import static io.servercore.gameserver.GameServerFlags.BROADCAST_TICK;
import static io.servercore.gameserver.GameServerFlags.CHAT_LIMIT;
import static io.servercore.gameserver.GameServerFlags.IDLE_TIMEOUT;
import static io.servercore.gameserver.GameServerFlags.MAX_FRAME;
import static io.servercore.gameserver.GameServerFlags.MAX_SESSIONS;
import static io.servercore.gameserver.GameServerFlags.METRICS_PORT;
import static io.servercore.gameserver.GameServerFlags.OUTBOUND_LIMIT;
import static io.servercore.gameserver.GameServerFlags.PACKET_BURST;
import static io.servercore.gameserver.GameServerFlags.PACKET_RATE;
import static io.servercore.gameserver.GameServerFlags.PORT;
import static io.servercore.gameserver.GameServerFlags.ROOM_CAPACITY;
import static io.servercore.gameserver.GameServerFlags.STATS_INTERVAL;
import static io.servercore.gameserver.GameServerFlags.THREADS;

import io.servercore.net.ServiceConfig;
import io.servercore.net.Transport;
import java.net.InetSocketAddress;

/**
 * The game server's settings, checked against {@link GameServerFlags}: every value is in its
 * allowed range once an instance exists, and a value out of range is named by its flag. Defaults
 * are those of the protocol (docs/protocol.md).
 *
 * <p>Immutable and thread-safe.
 *
 * @param host              address to listen on
 * @param port              port to listen on, 0 for any free one
 * @param threads           I/O threads; 0 is replaced by one per core
 * @param maxSessions       connections served at once; more are closed at once
 * @param maxFrameSize      inbound frame limit in bytes, header included
 * @param roomCapacity      members a room holds
 * @param chatLimit         longest chat in UTF-8 bytes
 * @param packetRate        packets a second a session may send, 0 = no limit
 * @param packetBurst       packets a session may send at once above its rate
 * @param outboundLimit     bytes queued for one session before it is cut
 * @param idleTimeoutMillis time without a complete frame before a session is cut, 0 = never
 * @param statsMillis       interval of the stats line, 0 = never
 * @param transport         the provider under the engine's channel group
 * @param broadcastTickMillis how long a room gathers its broadcasts before it sends them to each
 *                          member as one slice; 0 = hand each broadcast over when it is made
 * @param metricsHost       address the Prometheus endpoint ({@code /metrics}, {@code /health}) listens on
 * @param metricsPort       port of the Prometheus endpoint, 0 = no endpoint
 */
public record GameServerConfig(String host, int port, int threads, int maxSessions, int maxFrameSize,
                        int roomCapacity, int chatLimit, int packetRate, int packetBurst,
                        long outboundLimit, long idleTimeoutMillis, long statsMillis, Transport transport,
                        long broadcastTickMillis, String metricsHost, int metricsPort) {
    static final int DEFAULT_PORT = 7777;
    static final int DEFAULT_ROOM_CAPACITY = 1000;
    static final int DEFAULT_CHAT_LIMIT = 1024;
    static final int DEFAULT_PACKET_RATE = 200;
    static final int DEFAULT_PACKET_BURST = 400;
    static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;
    static final long DEFAULT_STATS_MILLIS = 10_000;
    /**
     * How long a room gathers broadcasts by default: in the end-to-end comparison of 2026-12-01 a
     * 10 ms tick sustained more chat than handing each broadcast over at once, at no cost in
     * latency at light load (benchmarks/results/e2e-2026-12-01.md).
     */
    static final long DEFAULT_BROADCAST_TICK_MILLIS = 10;
    /** Loopback: metrics tell a stranger how busy the server is, so they are published only on purpose. */
    static final String DEFAULT_METRICS_HOST = "127.0.0.1";

    public GameServerConfig {
        if (host == null || host.isBlank()) {
            throw GameServerFlags.HOST.invalid(host);
        }
        PORT.check(port);
        THREADS.check(threads);
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
        MAX_SESSIONS.check(maxSessions);
        MAX_FRAME.check(maxFrameSize);
        ROOM_CAPACITY.check(roomCapacity);
        CHAT_LIMIT.check(chatLimit);
        PACKET_RATE.check(packetRate);
        if (packetRate != 0 || packetBurst != 0) {
            PACKET_BURST.check(packetBurst); // with the rate off the burst is never used: 0 will do
        }
        OUTBOUND_LIMIT.check(outboundLimit);
        IDLE_TIMEOUT.check(idleTimeoutMillis / 1000.0);
        STATS_INTERVAL.check(statsMillis / 1000.0);
        BROADCAST_TICK.check(broadcastTickMillis);
        METRICS_PORT.check(metricsPort);
        if (transport == null) {
            throw GameServerFlags.TRANSPORT.invalid(null);
        }
        if (metricsHost == null || metricsHost.isBlank()) {
            throw GameServerFlags.METRICS_HOST.invalid(metricsHost);
        }
    }

    /** The same settings with no metrics endpoint. */
    public GameServerConfig(String host, int port, int threads, int maxSessions, int maxFrameSize,
                            int roomCapacity, int chatLimit, int packetRate, int packetBurst,
                            long outboundLimit, long idleTimeoutMillis, long statsMillis, Transport transport,
                            long broadcastTickMillis) {
        this(host, port, threads, maxSessions, maxFrameSize, roomCapacity, chatLimit, packetRate, packetBurst,
                outboundLimit, idleTimeoutMillis, statsMillis, transport, broadcastTickMillis, DEFAULT_METRICS_HOST, 0);
    }

    /**
     * The same settings on the platform's {@linkplain Transport#defaultTransport() default transport},
     * each broadcast handed over when it is made, and no metrics endpoint.
     */
    public GameServerConfig(String host, int port, int threads, int maxSessions, int maxFrameSize,
                            int roomCapacity, int chatLimit, int packetRate, int packetBurst,
                            long outboundLimit, long idleTimeoutMillis, long statsMillis) {
        this(host, port, threads, maxSessions, maxFrameSize, roomCapacity, chatLimit, packetRate, packetBurst,
                outboundLimit, idleTimeoutMillis, statsMillis, Transport.defaultTransport(), 0);
    }

    /** The same settings with rooms that gather their broadcasts for {@code millis} (0 = off). */
    public GameServerConfig withBroadcastTick(long millis) {
        return new GameServerConfig(host, port, threads, maxSessions, maxFrameSize, roomCapacity, chatLimit,
                packetRate, packetBurst, outboundLimit, idleTimeoutMillis, statsMillis, transport, millis, metricsHost,
                metricsPort);
    }

    /** The protocol's defaults on {@code port}, with one I/O thread per core and the default broadcast tick. */
    public static GameServerConfig defaults(int port) {
        return new GameServerConfig("0.0.0.0", port, Runtime.getRuntime().availableProcessors(),
                ServiceConfig.DEFAULT_MAX_SESSIONS, ServiceConfig.DEFAULT_MAX_FRAME_SIZE, DEFAULT_ROOM_CAPACITY,
                DEFAULT_CHAT_LIMIT, DEFAULT_PACKET_RATE, DEFAULT_PACKET_BURST, ServiceConfig.DEFAULT_OUTBOUND_LIMIT,
                DEFAULT_IDLE_TIMEOUT_MILLIS, DEFAULT_STATS_MILLIS).withBroadcastTick(DEFAULT_BROADCAST_TICK_MILLIS);
    }

    /** The engine settings these imply. */
    ServiceConfig serviceConfig() {
        return ServiceConfig.builder().host(host).port(port).maxSessions(maxSessions).maxFrameSize(maxFrameSize)
                .outboundLimit(outboundLimit).idleTimeoutMillis(idleTimeoutMillis).build();
    }

    /** The same settings on another port. */
    public GameServerConfig withPort(int newPort) {
        return new GameServerConfig(host, newPort, threads, maxSessions, maxFrameSize, roomCapacity, chatLimit,
                packetRate, packetBurst, outboundLimit, idleTimeoutMillis, statsMillis, transport,
                broadcastTickMillis, metricsHost, metricsPort);
    }

    /** Where the Prometheus endpoint listens, or null when {@code metricsPort} is 0 (none). */
    InetSocketAddress metricsAddress() {
        return metricsPort == 0 ? null : InetSocketAddress.createUnresolved(metricsHost, metricsPort);
    }
}
