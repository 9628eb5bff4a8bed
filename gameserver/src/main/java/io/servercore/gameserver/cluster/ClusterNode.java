package io.servercore.gameserver.cluster;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership of the cluster: one NATS connection, the key-value bucket
 * ({@link Membership}), heartbeats ({@link Liveness}), player id blocks ({@link PlayerIds}),
 * and per room the subject ({@link RoomChannel}) and the key-value line ({@link RoomLedger}).
 * Made by {@link #connect}; {@link #close()} says goodbye.
 *
 * <p>Subjects: {@code gs.r.<room key>} per room (FRAME, SYNC, SNAPSHOT, see {@link Envelope}),
 * {@code gs.hb} heartbeats, {@code gs.bye} goodbyes, and {@code gs.n.<node id>} where a node
 * answers whether it is in a room (request and reply: a one-byte yes, after publishing its
 * snapshot on the room's subject, or no). Each node has a random 64-bit id for this
 * run, so a restarted node is a new node to the others.
 *
 * <p>Failures. A node not heard from for {@value Liveness#DEAD_AFTER_MILLIS} ms, or one that said
 * goodbye, is gone: {@link Listener#nodeDown} makes its members leave every room here, and its
 * places in key-value are removed. When this node's own connection drops, jnats reconnects (and
 * keeps what is published meanwhile, up to its buffer); once back, {@link Listener#resync} resyncs
 * every room, this node's registration, player id counter and room places are written again,
 * and one WARN line says so. A subscription that overflows (slow consumer) resyncs the same way.
 *
 * <p>Threads, all daemons: jnats's reader and writer; one jnats dispatcher thread for every room
 * subject, heartbeats and goodbyes, which decodes and pushes room jobs (as a queue's first pusher it
 * may run them; their sends are still flushed by I/O threads); two KV
 * threads ({@code cluster-kv}) that make the blocking key-value calls; one timer thread
 * ({@code cluster-timer}) for heartbeats, verdicts and retries, which never blocks. Public methods
 * may be called from any thread.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    /** How often key-value is searched for nodes nobody hears (a whole cluster stopped, say); it reads every key. */
    private static final long JANITOR_MILLIS = 15_000;
    /**
     * Messages jnats may queue for its writer. Its default (5,000) makes a publish wait when
     * full, and room jobs publish on I/O threads; past this bound the room's broadcasts are
     * dropped instead and the other nodes resync on the gap.
     */
    private static final int OUTGOING_QUEUE = 1 << 20;
    private static final long GOODBYE_WAIT_MILLIS = 3000;

    /** What the game server does when the cluster changes under it. */
    public interface Listener {
        /** {@code node} is gone: its members leave every room here. Any thread. */
        void nodeDown(long node);

        /** This node may have missed messages: resync every room. Returns how many rooms. Any thread. */
        int resync();

        /**
         * Another node asks whether this node is in {@code room}: answer true after publishing the
         * room's snapshot on its subject, false when this node has no linked room of that name.
         * Called on the dispatcher thread; {@code answer} may be called from any thread.
         */
        void present(String room, java.util.function.Consumer<Boolean> answer);
    }

    private final ClusterConfig config;
    private final long id;
    private final Listener listener;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final Membership membership;
    private final Liveness liveness;
    private final PlayerIds playerIds;
    private final ExecutorService kvExecutor;
    private final ScheduledExecutorService timer;
    private final Map<String, RoomLedger> ledgers = new ConcurrentHashMap<>();
    private final Set<Long> suspects = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the connection is down; jnats reports DISCONNECTED again on every failed reconnect. */
    private final AtomicBoolean away = new AtomicBoolean();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile long disconnectedAt;
    private volatile long lastSlowResync;

    private ClusterNode(ClusterConfig config, Listener listener) throws IOException {
        this.config = config;
        this.id = ThreadLocalRandom.current().nextLong() | 1L; // never 0, which SYNC uses for "every node"
        this.listener = listener;
        this.kvExecutor = Executors.newFixedThreadPool(2, daemon("cluster-kv"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("cluster-timer"));
        this.liveness = new Liveness(id, this::dead);
        Options options = new Options.Builder().server(config.url()).connectionName("gameserver " + config.nodeName())
                .noEcho().maxReconnects(-1).reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(5)).connectionListener(this::onConnectionEvent)
                .maxMessagesInOutgoingQueue(OUTGOING_QUEUE).discardMessagesWhenOutgoingQueueFull()
                .errorListener(new Errors()).build();
        Connection c;
        try {
            c = Nats.connect(options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + config.url(), e);
        } catch (IOException e) {
            shutdownExecutors();
            throw new IOException("cannot reach NATS at " + config.url() + ": " + e.getMessage(), e);
        }
        this.connection = c;
        this.dispatcher = c.createDispatcher();
        this.dispatcher.setPendingLimits(-1, 256L << 20);
        this.dispatcher.subscribe("gs.hb", m -> liveness.heard(Envelope.wrap(m.getData()).getLong(0),
                Envelope.heartbeatName(m.getData())));
        this.dispatcher.subscribe("gs.bye", m -> liveness.goodbye(Envelope.wrap(m.getData()).getLong(0)));
        this.dispatcher.subscribe(presenceSubject(id), m -> listener.present(
                new String(m.getData(), java.nio.charset.StandardCharsets.UTF_8),
                here -> publish(m.getReplyTo(), new byte[] {(byte) (here ? 1 : 0)})));
        try {
            this.membership = new Membership(ensureBucket(c), id, liveness.dead);
            heartbeat();
            register();
            this.playerIds = new PlayerIds(membership::takeIdBlock, kvExecutor);
        } catch (Exception e) {
            closeConnection();
            throw e instanceof IOException io ? io : new IOException(config.url() + ": " + e.getMessage(), e);
        }
        timer.scheduleAtFixedRate(this::heartbeat, Liveness.HEARTBEAT_MILLIS, Liveness.HEARTBEAT_MILLIS,
                TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(liveness::check, Liveness.CHECK_MILLIS, Liveness.CHECK_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(() -> kv(this::janitor), JANITOR_MILLIS, JANITOR_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to NATS and joins the cluster.
     *
     * @throws IOException naming the URL when NATS cannot be reached, has no JetStream, or the
     *         node name is taken by a live node
     */
    public static ClusterNode connect(ClusterConfig config, Listener listener) throws IOException {
        ClusterNode node = new ClusterNode(config, listener);
        log.info("cluster: node {} ({}) joined through {}", config.nodeName(),
                Long.toHexString(node.id), config.url());
        return node;
    }

    public long id() {
        return id;
    }

    public String name() {
        return config.nodeName();
    }

    public ClusterConfig config() {
        return config;
    }

    /** A player id no other node hands out. Called on accept; waits only when the block ran dry. */
    public int nextPlayerId() {
        return playerIds.next();
    }

    /** Subscribes to {@code room}'s subject; {@code events} then hears the other nodes' messages. */
    public RoomChannel openRoom(String room, RoomChannel.Events events) {
        return new RoomChannel(this, room, events);
    }

    /** This node's key-value line for {@code room}, with one more reference held by the caller. */
    public RoomLedger ledger(String room) {
        for (;;) {
            RoomLedger ledger = ledgers.computeIfAbsent(room, r -> new RoomLedger(this, r));
            if (ledger.tryAcquire()) {
                return ledger;
            }
            ledgers.remove(room, ledger);
        }
    }

    /** The live nodes other than this one that hold places in {@code room}; answered on a KV thread. */
    public void holders(String room, java.util.function.Consumer<Set<Long>> answer) {
        kv(() -> {
            try {
                answer.accept(membership.holders(room));
            } catch (Exception e) {
                log.debug("room '{}': cannot read its holders: {}", room, e.toString());
                answer.accept(Set.of());
            }
        });
    }

    /**
     * Asks {@code other} whether it is in {@code room}; runs {@code absent} (on a NATS thread) if it
     * says no. A yes means its snapshot is on its way on the room's subject; no answer means
     * nothing (the caller's time limit decides).
     */
    public void askPresence(long other, String room, Runnable absent) {
        try {
            connection.requestWithTimeout(presenceSubject(other), room.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Duration.ofSeconds(2)).whenComplete((reply, failure) -> {
                        if (reply != null && reply.getData() != null && reply.getData().length == 1
                                && reply.getData()[0] == 0) {
                            absent.run();
                        }
                    });
        } catch (IllegalStateException closed) {
            // not connected: the sync's time limit decides
        }
    }

    private static String presenceSubject(long node) {
        return "gs.n." + Long.toHexString(node);
    }

    /** Runs {@code task} on the cluster timer after {@code millis}; nothing once closed. */
    public void schedule(Runnable task, long millis) {
        try {
            timer.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // the node is leaving: nothing more to time
        }
    }

    /** Says goodbye: removes this node's registration, tells the others, and closes the connection. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GOODBYE_WAIT_MILLIS);
        while (!ledgers.isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // the last places being given back
        }
        try {
            kvExecutor.submit(() -> {
                membership.unregister(config.nodeName(), id);
                return null;
            }).get(GOODBYE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("cluster: could not remove this node's registration: {}", e.toString());
        }
        publish("gs.bye", Envelope.goodbye(id));
        log.info("cluster: node {} said goodbye ({} rooms still held places)", config.nodeName(), ledgers.size());
        closeConnection();
    }

    // ---- for the package ---------------------------------------------------------------------

    Dispatcher dispatcher() {
        return dispatcher;
    }

    Membership membership() {
        return membership;
    }

    ExecutorService kvExecutor() {
        return kvExecutor;
    }

    void retired(String room, RoomLedger ledger) {
        ledgers.remove(room, ledger);
    }

    /** Publishes on core NATS; while reconnecting jnats buffers it, and a full buffer drops it (others resync). */
    void publish(String subject, byte[] data) {
        try {
            connection.publish(subject, data);
        } catch (IllegalStateException e) {
            if (dropped.getAndIncrement() == 0) {
                log.warn("cluster: a message on {} was dropped ({}); the other nodes resync when they see the gap",
                        subject, e.getMessage());
            }
        }
    }

    private void kv(Runnable task) {
        try {
            kvExecutor.execute(task);
        } catch (RejectedExecutionException closing) {
            // the node is leaving
        }
    }

    // ---- heartbeats, verdicts, reconnects ----------------------------------------------------

    private void heartbeat() {
        publish("gs.hb", Envelope.heartbeat(id, config.nodeName()));
    }

    private void dead(long node, String name, String why) {
        log.warn("cluster: node {} ({}) is gone ({}): its members leave every room here", name, Long.toHexString(node),
                why);
        listener.nodeDown(node);
        kv(() -> {
            try {
                int rooms = membership.reap(node);
                log.debug("cluster: removed node {}'s places in {} rooms", Long.toHexString(node), rooms);
            } catch (Exception e) {
                log.debug("cluster: reaping node {} failed, the janitor tries again: {}", Long.toHexString(node),
                        e.toString());
            }
        });
    }

    /** Finds nodes named in key-value that nobody hears from (e.g. after the whole cluster stopped). */
    private void janitor() {
        if (!liveness.connected() || closed.get()) {
            return;
        }
        try {
            for (long node : membership.nodesNamed()) {
                if (liveness.isAlive(node)) {
                    suspects.remove(node);
                } else if (!suspects.add(node)) {
                    suspects.remove(node);
                    if (liveness.dead.contains(node)) {
                        membership.reap(node); // declared before, but its places came back or stayed
                    } else {
                        liveness.declareDead(node, "in key-value but not heard from for " + JANITOR_MILLIS + " ms");
                    }
                }
            }
        } catch (Exception e) {
            log.debug("cluster: janitor could not read key-value: {}", e.toString());
        }
    }

    private void register() throws IOException, JetStreamApiException {
        KeyValueEntry prior = membership.registration(config.nodeName());
        if (prior != null) {
            long old = Long.parseUnsignedLong(prior.getValueAsString().trim(), 16);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Liveness.DEAD_AFTER_MILLIS);
            while (!liveness.heardWithin(old, Liveness.DEAD_AFTER_MILLIS) && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // listening for the name's owner
            }
            if (liveness.heardWithin(old, Liveness.DEAD_AFTER_MILLIS)) {
                throw new IOException("node name '" + config.nodeName() + "' is taken by a live node ("
                        + Long.toHexString(old) + "); pick another --node-name");
            }
            liveness.declareDead(old, "its name was taken over by a new run");
        }
        if (!membership.register(config.nodeName(), prior)) {
            throw new IOException("node name '" + config.nodeName() + "' was taken at the same moment; pick another --node-name");
        }
    }

    private void onConnectionEvent(Connection conn, ConnectionListener.Events event) {
        if (closed.get()) {
            return;
        }
        if (event == ConnectionListener.Events.DISCONNECTED && away.compareAndSet(false, true)) {
            disconnectedAt = System.nanoTime();
            liveness.disconnected();
            log.warn("cluster: lost the NATS connection to {}; rooms go on serving this node's members", config.url());
        } else if (event == ConnectionListener.Events.RECONNECTED && away.compareAndSet(true, false)) {
            liveness.reconnected();
            double away = (System.nanoTime() - disconnectedAt) / 1e9;
            int rooms = resyncEverything();
            log.warn("cluster: NATS connection back after {} s; resyncing rooms: {} (sent this node's members there and "
                    + "asked every node for theirs), re-writing this node's name, player id counter and places in rooms: {}",
                    String.format(java.util.Locale.ROOT, "%.1f", away), rooms, ledgers.size());
        }
    }

    private int resyncEverything() {
        int rooms = listener.resync();
        kv(() -> {
            try {
                ensureBucket(connection);
                membership.reregister(config.nodeName());
            } catch (Exception e) {
                log.warn("cluster: could not re-write this node's registration: {}", e.toString());
            }
            playerIds.reassert();
            ledgers.values().forEach(RoomLedger::reassert);
        });
        return rooms;
    }

    private final class Errors implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            log.warn("cluster: NATS error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            log.debug("cluster: NATS connection: {}", exp.toString());
        }

        @Override
        public void messageDiscarded(Connection conn, io.nats.client.Message msg) {
            if (dropped.getAndIncrement() == 0) {
                log.warn("cluster: NATS's outgoing queue is full ({} messages); broadcasts are dropped and the other "
                        + "nodes resync on the gap", OUTGOING_QUEUE);
            }
        }

        @Override
        public void slowConsumerDetected(Connection conn, Consumer consumer) {
            long now = System.nanoTime();
            if (now - lastSlowResync > TimeUnit.SECONDS.toNanos(1)) {
                lastSlowResync = now;
                int rooms = listener.resync();
                log.warn("cluster: room messages were dropped (slow consumer); resyncing rooms: {}", rooms);
            }
        }
    }

    // ---- set-up and tear-down ----------------------------------------------------------------

    private static io.nats.client.KeyValue ensureBucket(Connection c) throws IOException {
        try {
            KeyValueManagement kvm = c.keyValueManagement();
            try {
                kvm.getStatus(Membership.BUCKET);
            } catch (JetStreamApiException missing) {
                try {
                    kvm.create(KeyValueConfiguration.builder().name(Membership.BUCKET).maxHistoryPerKey(1)
                            .storageType(StorageType.File).build());
                } catch (JetStreamApiException raced) {
                    kvm.getStatus(Membership.BUCKET); // another node made it first
                }
            }
            return c.keyValue(Membership.BUCKET);
        } catch (JetStreamApiException e) {
            throw new IOException("NATS at " + c.getConnectedUrl() + " has no usable JetStream key-value ("
                    + e.getMessage() + "); start nats-server with -js", e);
        } catch (IOException e) {
            throw new IOException("NATS has no JetStream (" + e.getMessage() + "); start nats-server with -js", e);
        }
    }

    private void closeConnection() {
        try {
            connection.flush(Duration.ofSeconds(2));
        } catch (Exception e) {
            // gone already: the others find out through the missing heartbeats
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownExecutors();
    }

    private void shutdownExecutors() {
        timer.shutdownNow();
        kvExecutor.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + "-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
