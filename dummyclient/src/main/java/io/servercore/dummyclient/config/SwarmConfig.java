package io.servercore.dummyclient.config;

import io.servercore.net.Transport;
import java.util.List;

/**
 * What one swarm run does, checked against {@link SwarmFlags}: every value is allowed once an
 * instance exists. {@link SwarmOptions} makes one from the command line.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host                server address
 * @param port                server port
 * @param clients             sessions to open
 * @param rooms               rooms the sessions are spread over evenly (chat mode)
 * @param connectRate         sessions opened per second during the ramp
 * @param chatRate            chats per second per session, 0 = none
 * @param payload             bytes of each chat's text
 * @param moveRate            moves per second per session, 0 = none
 * @param pingIntervalSeconds seconds between heartbeat pings per session, 0 = none (chat mode)
 * @param durationSeconds     seconds of load after the ramp
 * @param mode                chat or echo
 * @param window              pings in flight per session (echo mode)
 * @param threads             I/O threads of the swarm's engine; 0 is replaced by one per core
 * @param maxP99Millis        the players' chat latency p99 above which the run fails, 0 = no limit
 * @param attack              the hostile sessions beside the players; {@link AttackConfig#NONE} for none
 * @param transport           the provider under the swarm's engine
 * @param targets             the servers the players are spread over (a cluster's nodes); empty or null
 *                            means {@code host:port} alone, else {@code host} and {@code port} are the first
 */
public record SwarmConfig(String host, int port, int clients, int rooms, double connectRate, double chatRate,
                   int payload, double moveRate, double pingIntervalSeconds, double durationSeconds, Mode mode,
                   int window, int threads, double maxP99Millis, AttackConfig attack, Transport transport,
                   List<Target> targets) {
    /**
     * Bytes queued unsent in one connection above which its due sends are held back, a player's
     * high water mark: the server is not keeping up. They go out again once the queue fell below
     * half of it.
     */
    public static final long HOLD_BACK_BYTES = 256 * 1024;

    /** The same run on the platform's {@linkplain Transport#defaultTransport() default transport}, at {@code host:port}. */
    SwarmConfig(String host, int port, int clients, int rooms, double connectRate, double chatRate,
                int payload, double moveRate, double pingIntervalSeconds, double durationSeconds, Mode mode,
                int window, int threads, double maxP99Millis, AttackConfig attack) {
        this(host, port, clients, rooms, connectRate, chatRate, payload, moveRate, pingIntervalSeconds,
                durationSeconds, mode, window, threads, maxP99Millis, attack, Transport.defaultTransport(), List.of());
    }

    public SwarmConfig {
        if (targets != null && !targets.isEmpty()) {
            targets = List.copyOf(targets);
            host = targets.get(0).host();
            port = targets.get(0).port();
        }
        if (host == null || host.isBlank()) {
            throw SwarmFlags.HOST.invalid(host);
        }
        SwarmFlags.PORT.check(port);
        if (targets == null || targets.isEmpty()) {
            targets = List.of(new Target(host, port));
        }
        if (mode == null) {
            throw SwarmFlags.MODE.invalid(null);
        }
        if (attack == null) {
            attack = AttackConfig.NONE;
        }
        if (transport == null) {
            transport = Transport.defaultTransport();
        }
        if (clients != 0 || !attack.any()) {
            SwarmFlags.CLIENTS.check(clients); // 0 players only beside an attack
        }
        SwarmFlags.ROOMS.check(rooms);
        SwarmFlags.CONNECT_RATE.check(connectRate);
        SwarmFlags.CHAT_RATE.check(chatRate);
        SwarmFlags.PAYLOAD.check(payload);
        SwarmFlags.MOVE_RATE.check(moveRate);
        SwarmFlags.PING_INTERVAL.check(pingIntervalSeconds);
        SwarmFlags.DURATION.check(durationSeconds);
        SwarmFlags.WINDOW.check(window);
        SwarmFlags.MAX_P99.check(maxP99Millis);
        SwarmFlags.THREADS.check(threads);
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
    }

    /** Nanoseconds between a session's sends of one kind at {@code perSecond}; 0 when off. */
    public static long intervalNanos(double perSecond) {
        return perSecond == 0 ? 0 : Math.max(1, Math.round(1e9 / perSecond));
    }

    /**
     * How long the load runs before the attacks start, so that the report can set the
     * players' latency before them beside the latency during them: a fifth of the load, at
     * most 30 s; none when there are no players.
     */
    public long calmNanos() {
        return clients == 0 || !attack.any() ? 0 : Math.round(Math.min(durationSeconds / 5, 30) * 1e9);
    }

    /** The room of the session that connected {@code index}-th: sessions are dealt out like cards. */
    public String roomOf(int index) {
        return "room-" + (index % rooms);
    }
}
