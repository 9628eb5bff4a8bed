package io.servercore.gameserver.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which nodes are alive. Every node publishes a heartbeat on {@code gs.hb} every
 * {@value #HEARTBEAT_MILLIS} ms; a node not heard from for {@value #DEAD_AFTER_MILLIS} ms is
 * dead, and so is one that said goodbye on {@code gs.bye}. JetStream key-value entries on
 * NATS 2.9 expire without telling anyone, so liveness is this, not a TTL.
 *
 * <p>No verdict is given while this node itself is cut off from NATS, nor for
 * {@value #DEAD_AFTER_MILLIS} ms after it is back: it could not hear anyone meanwhile.
 *
 * <p>Threading: {@link #heard} and {@link #goodbye} run on the dispatcher thread, {@link #check}
 * on the cluster timer, the connection methods on NATS's event thread. The peer map and the dead
 * set are concurrent; a verdict is reached once per node because only the remover of a peer
 * reports it.
 */
final class Liveness {
    private static final Logger log = LoggerFactory.getLogger(Liveness.class);
    static final long HEARTBEAT_MILLIS = 1000;
    static final long DEAD_AFTER_MILLIS = 3000;
    static final long CHECK_MILLIS = 250;

    /** Told of a node's death, once. */
    interface Verdicts {
        void dead(long node, String name, String why);
    }

    private static final class Peer {
        final String name;
        volatile long lastSeen;

        Peer(String name, long lastSeen) {
            this.name = name;
            this.lastSeen = lastSeen;
        }
    }

    private final long self;
    private final Verdicts verdicts;
    private final Map<Long, Peer> peers = new ConcurrentHashMap<>();
    /** Nodes found dead; their places in key-value do not count and are removed. */
    final Set<Long> dead = ConcurrentHashMap.newKeySet();
    private volatile boolean connected = true;
    private volatile long graceUntil;

    Liveness(long self, Verdicts verdicts) {
        this.self = self;
        this.verdicts = verdicts;
        this.graceUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEAD_AFTER_MILLIS);
    }

    void heard(long node, String name) {
        if (node == self) {
            return;
        }
        long now = System.nanoTime();
        Peer peer = peers.get(node);
        if (peer != null) {
            peer.lastSeen = now;
            return;
        }
        peers.put(node, new Peer(name, now));
        if (dead.remove(node)) {
            log.warn("cluster: node {} ({}) is heard from again after it was declared dead; its rooms resync",
                    name, Long.toHexString(node));
        } else {
            log.info("cluster: node {} ({}) is up", name, Long.toHexString(node));
        }
    }

    boolean isAlive(long node) {
        return node == self || peers.containsKey(node);
    }

    /** Whether {@code node} was heard from within the last {@code millis}. */
    boolean heardWithin(long node, long millis) {
        Peer peer = peers.get(node);
        return peer != null && System.nanoTime() - peer.lastSeen < TimeUnit.MILLISECONDS.toNanos(millis);
    }

    void goodbye(long node) {
        Peer peer = peers.remove(node);
        dead.add(node);
        if (peer != null) {
            verdicts.dead(node, peer.name, "said goodbye");
        }
    }

    /** Declares a node dead that was never heard from (found in key-value only). */
    void declareDead(long node, String why) {
        if (node != self && !peers.containsKey(node) && dead.add(node)) {
            verdicts.dead(node, "?", why);
        }
    }

    void check() {
        long now = System.nanoTime();
        if (!connected || now - graceUntil < 0) {
            return;
        }
        long limit = TimeUnit.MILLISECONDS.toNanos(DEAD_AFTER_MILLIS);
        for (Map.Entry<Long, Peer> e : peers.entrySet()) {
            Peer peer = e.getValue();
            if (now - peer.lastSeen > limit && peers.remove(e.getKey(), peer)) {
                dead.add(e.getKey());
                verdicts.dead(e.getKey(), peer.name, "no heartbeat for " + DEAD_AFTER_MILLIS + " ms");
            }
        }
    }

    boolean connected() {
        return connected && System.nanoTime() - graceUntil >= 0;
    }

    void disconnected() {
        connected = false;
    }

    void reconnected() {
        long now = System.nanoTime();
        graceUntil = now + TimeUnit.MILLISECONDS.toNanos(DEAD_AFTER_MILLIS);
        for (Peer peer : peers.values()) {
            peer.lastSeen = now;
        }
        connected = true;
    }

    int peerCount() {
        return peers.size();
    }
}
