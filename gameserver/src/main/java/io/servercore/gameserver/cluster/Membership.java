package io.servercore.gameserver.cluster;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cluster's shared state in JetStream key-value (bucket {@value #BUCKET}), and the
 * compare-and-set loops that change it. Keys:
 * <ul>
 * <li>{@code r.<room key>}: the room's {@link RoomCounts}, places held per node. The capacity
 *     check reads it and writes this node's count back with the revision it read; when two
 *     nodes admit the last place at once, one write fails on the revision, re-reads, and finds
 *     the room full.
 * <li>{@code n.<node name>}: the id of the live node of that name, so that a name is taken once.
 * <li>{@code ids}: the next free block of {@link PlayerIds}.
 * </ul>
 * A room key is the room's name in UTF-8, base64url without padding, which both NATS subjects
 * and KV keys accept.
 *
 * <p>Threading: every method blocks on the NATS server and runs on the cluster's KV threads,
 * never on an I/O or room thread. The methods keep no state between calls; {@code dead} is a
 * concurrent set.
 */
final class Membership {
    static final String BUCKET = "gameserver";
    private static final int MAX_ATTEMPTS = 1000;

    private final KeyValue kv;
    private final long self;
    private final Set<Long> dead;

    Membership(KeyValue kv, long self, Set<Long> dead) {
        this.kv = kv;
        this.self = self;
        this.dead = dead;
    }

    static String encode(String room) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(room.getBytes(StandardCharsets.UTF_8));
    }

    static String roomKey(String room) {
        return "r." + encode(room);
    }

    /** The live nodes other than this one that hold places in {@code room}. */
    Set<Long> holders(String room) throws IOException, JetStreamApiException {
        KeyValueEntry entry = kv.get(roomKey(room));
        Set<Long> nodes = new HashSet<>(RoomCounts.parse(entry == null ? null : entry.getValue()).counts.keySet());
        nodes.remove(self);
        nodes.removeAll(dead);
        return nodes;
    }

    /**
     * Sets this node's count in {@code room} to {@code held} plus as many of {@code wanted} more
     * as the capacity leaves free, by compare-and-set; lines of nodes known dead are dropped on
     * the way. Returns how many of {@code wanted} were granted.
     */
    int write(String room, int held, int wanted, int capacity) throws IOException, JetStreamApiException {
        String key = roomKey(room);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            KeyValueEntry entry = kv.get(key);
            RoomCounts counts = RoomCounts.parse(entry == null ? null : entry.getValue());
            counts.counts.keySet().removeAll(dead);
            int free = capacity - counts.othersThan(self) - held;
            int granted = Math.max(0, Math.min(wanted, free));
            counts.set(self, held + granted);
            if (entry != null && RoomCounts.parse(entry.getValue()).counts.equals(counts.counts)) {
                return granted; // nothing to change
            }
            if (tryWrite(key, entry, counts)) {
                return granted;
            }
        }
        throw new IOException("room '" + room + "': " + MAX_ATTEMPTS + " compare-and-set attempts lost in a row");
    }

    /** Removes {@code node}'s line from every room; returns the rooms it held places in. */
    int reap(long node) throws IOException, JetStreamApiException, InterruptedException {
        int rooms = 0;
        for (String key : roomKeys()) {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                KeyValueEntry entry = kv.get(key);
                RoomCounts counts = RoomCounts.parse(entry == null ? null : entry.getValue());
                if (!counts.counts.containsKey(node)) {
                    break;
                }
                counts.counts.remove(node);
                if (tryWrite(key, entry, counts)) {
                    rooms++;
                    break;
                }
            }
        }
        return rooms;
    }

    /** Every node id named in a room entry or a node registration. */
    Set<Long> nodesNamed() throws IOException, JetStreamApiException, InterruptedException {
        Set<Long> nodes = new HashSet<>();
        for (String key : kv.keys()) {
            KeyValueEntry entry = kv.get(key);
            if (entry == null) {
                continue;
            }
            if (key.startsWith("r.")) {
                nodes.addAll(RoomCounts.parse(entry.getValue()).counts.keySet());
            } else if (key.startsWith("n.")) {
                nodes.add(Long.parseUnsignedLong(entry.getValueAsString().trim(), 16));
            }
        }
        return nodes;
    }

    private List<String> roomKeys() throws IOException, JetStreamApiException, InterruptedException {
        return kv.keys("r.*");
    }

    /** Writes {@code counts} over {@code read} by revision; false when someone wrote in between. */
    private boolean tryWrite(String key, KeyValueEntry read, RoomCounts counts) throws IOException {
        try {
            if (read == null) {
                if (!counts.counts.isEmpty()) {
                    kv.create(key, counts.format());
                }
            } else if (counts.counts.isEmpty()) {
                kv.delete(key, read.getRevision());
            } else {
                kv.update(key, counts.format(), read.getRevision());
            }
            return true;
        } catch (JetStreamApiException conflict) {
            return false; // wrong last sequence: re-read and try again
        }
    }

    // ---- node names and player id blocks ----------------------------------------------------

    /** The id registered under {@code name} and its revision, or null. */
    KeyValueEntry registration(String name) throws IOException, JetStreamApiException {
        return kv.get("n." + name);
    }

    /** Registers this node under {@code name} over {@code previous} (null: none); false if someone else did first. */
    boolean register(String name, KeyValueEntry previous) throws IOException {
        byte[] value = Long.toHexString(self).getBytes(StandardCharsets.UTF_8);
        try {
            if (previous == null) {
                kv.create("n." + name, value);
            } else {
                kv.update("n." + name, value, previous.getRevision());
            }
            return true;
        } catch (JetStreamApiException taken) {
            return false;
        }
    }

    /** Puts this node's registration back as it is (after a NATS outage or a reap by mistake). */
    void reregister(String name) throws IOException, JetStreamApiException {
        kv.put("n." + name, Long.toHexString(self).getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes {@code name}'s registration if it is still {@code node}'s. */
    void unregister(String name, long node) throws IOException, JetStreamApiException {
        KeyValueEntry entry = registration(name);
        if (entry != null && Long.parseUnsignedLong(entry.getValueAsString().trim(), 16) == node) {
            try {
                kv.delete("n." + name, entry.getRevision());
            } catch (JetStreamApiException changed) {
                // taken over meanwhile: it is not ours to delete
            }
        }
    }

    /** Takes the next free block of player ids, at least {@code atLeast}; returns its number. */
    int takeIdBlock(int atLeast) throws IOException, JetStreamApiException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            KeyValueEntry entry = kv.get("ids");
            int next = entry == null ? 0 : Integer.parseInt(entry.getValueAsString().trim());
            int block = Math.max(next, atLeast);
            if (block >= PlayerIds.BLOCKS) {
                throw new IOException("every block of player ids is taken: " + block + " of " + PlayerIds.BLOCKS);
            }
            byte[] value = Integer.toString(block + 1).getBytes(StandardCharsets.UTF_8);
            try {
                if (entry == null) {
                    kv.create("ids", value);
                } else {
                    kv.update("ids", value, entry.getRevision());
                }
                return block;
            } catch (JetStreamApiException conflict) {
                // another node took one meanwhile
            }
        }
        throw new IOException("player id blocks: " + MAX_ATTEMPTS + " compare-and-set attempts lost in a row");
    }
}
