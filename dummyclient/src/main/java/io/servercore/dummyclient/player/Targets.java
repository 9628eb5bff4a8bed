package io.servercore.dummyclient.player;

import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.config.Target;
import io.servercore.net.ClientService;
import io.servercore.net.IoCore;
import io.servercore.net.ServiceConfig;
import io.servercore.net.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The swarm's connections to its targets: one {@link ClientService} per target (a cluster's
 * nodes, or the one server), on the swarm's engine. Session {@code i} (its place in connect
 * order, which picks its room {@code i mod rooms}) goes to target {@code (i / rooms) mod
 * targets}, so that every room has members on every target, as a room split across a
 * cluster's nodes has.
 *
 * <p>Thread-safe. {@link #connect(int)} is called by the one connector tick at a time; the
 * services' factories run on I/O threads and take the session's index from the queue of their
 * target, which only ever holds indices meant for it.
 */
public final class Targets {
    private final List<ClientService> services = new ArrayList<>();
    private final List<Queue<Integer>> indices = new ArrayList<>();
    private final int rooms;

    /**
     * @param serviceConfig the engine settings for one target
     * @param sessions      makes the session of a given index
     */
    public Targets(IoCore core, SwarmConfig config, Function<Target, ServiceConfig> serviceConfig,
            IntFunction<? extends Session> sessions) {
        this.rooms = config.rooms();
        for (Target target : config.targets()) {
            Queue<Integer> queue = new ConcurrentLinkedQueue<>();
            indices.add(queue);
            services.add(ClientService.create(core, serviceConfig.apply(target), () -> {
                Integer index = queue.poll();
                if (index == null) {
                    throw new IllegalStateException("a connect to " + target + " without an index");
                }
                return sessions.apply(index);
            }));
        }
    }

    /** Connects session {@code index} to its target. */
    CompletableFuture<Session> connect(int index) {
        int target = targetOf(index, rooms, services.size());
        indices.get(target).add(index);
        return services.get(target).connect();
    }

    /** The target of session {@code index}: {@code (index / rooms) mod targets}. */
    public static int targetOf(int index, int rooms, int targets) {
        return (index / rooms) % targets;
    }

    public long queuedBytes() {
        long total = 0;
        for (ClientService service : services) {
            for (Session session : service.sessions()) {
                total += session.queuedBytes();
            }
        }
        return total;
    }

    public void awaitSessionsClosed(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (ClientService service : services) {
            service.awaitSessionsClosed(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    public void close() {
        services.forEach(ClientService::close);
    }
}
