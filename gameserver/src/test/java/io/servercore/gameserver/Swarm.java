package io.servercore.gameserver;

import io.servercore.net.ClientService;
import io.servercore.net.IoCore;
import io.servercore.net.ServiceConfig;
import io.servercore.net.Session;
import io.servercore.packet.PacketHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A swarm of {@link SwarmClient}s on their own engine, connected to one game server over
 * loopback. Clients are numbered in connect order from 0; client {@code n} has key
 * {@code c<n>} and the name {@code names.apply(n)}.
 *
 * <p>Thread-safe. {@link #close()} quits every client (so their closes are no problems),
 * then stops the engine.
 */
final class Swarm implements AutoCloseable {
    private static final int CONNECT_BATCH = 200;

    final SwarmClient.Ledger ledger = new SwarmClient.Ledger();
    private final IoCore core;
    private final ClientService service;
    private final AtomicInteger next = new AtomicInteger();
    private final ConcurrentLinkedQueue<SwarmClient> made = new ConcurrentLinkedQueue<>();

    /** A swarm whose clients accept frames up to the protocol's 65,535 bytes. */
    Swarm(InetSocketAddress server, int threads, IntFunction<String> names) throws IOException {
        core = new IoCore("swarm", threads);
        ServiceConfig config = ServiceConfig.builder().host("127.0.0.1").port(server.getPort())
                .maxSessions(100_000).maxFrameSize(PacketHeader.MAX_FRAME_SIZE).build();
        service = ClientService.create(core, config, () -> {
            int n = next.getAndIncrement();
            SwarmClient client = new SwarmClient("c" + n, names.apply(n), ledger, true);
            made.add(client);
            return client;
        });
    }

    /** Connects one client; fails after 10 s. */
    SwarmClient connect() throws Exception {
        return (SwarmClient) service.connect().get(10, TimeUnit.SECONDS);
    }

    /** Connects {@code count} clients, a batch at a time so the listener's backlog never overflows. */
    List<SwarmClient> connect(int count) throws Exception {
        List<SwarmClient> clients = new ArrayList<>(count);
        while (clients.size() < count) {
            List<CompletableFuture<Session>> batch = service.connect(Math.min(CONNECT_BATCH, count - clients.size()));
            for (CompletableFuture<Session> f : batch) {
                clients.add((SwarmClient) f.get(10, TimeUnit.SECONDS));
            }
        }
        return clients;
    }

    @Override
    public void close() {
        for (SwarmClient client : made) {
            client.quit();
        }
        service.close();
        core.close();
    }
}
