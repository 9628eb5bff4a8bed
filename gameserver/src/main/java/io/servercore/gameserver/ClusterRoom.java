package io.servercore.gameserver;

import io.servercore.buffer.SendBuffer;
import io.servercore.gameserver.cluster.ClusterNode;
import io.servercore.gameserver.cluster.MemberState;
import io.servercore.gameserver.cluster.RoomChannel;
import io.servercore.gameserver.cluster.RoomLedger;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_BroadcastMove;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.packet.PacketHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link GameRoom}'s side of the cluster: the members the other nodes have in the room, kept
 * from their broadcasts, and this node's part in the room's subject and key-value line. Made
 * with its room when the server runs with {@code --cluster}; linked (subscribed, synced) by
 * the first entry.
 *
 * <p>Streams. Each node publishes its broadcasts in the room as one stream, numbered from 1
 * ({@code seq}), restarting at 1 after its last member there left. A receiver applies a node's
 * FRAMEs in order: S_BroadcastEnter adds a remote member, S_BroadcastLeave removes one,
 * S_BroadcastMove moves one, and every FRAME goes to the local members as it is. A FRAME that
 * does not follow the last one (a gap) or comes from a node met in the middle of its stream
 * makes the receiver ask that node for its SNAPSHOT (SYNC) and drop its FRAMEs until it comes.
 * A snapshot travels in the node's own stream, so it is exactly the state after the FRAMEs
 * before it; applying it sends the local members the difference (leaves, enters, moves), so
 * their view stays one that the events they got explain.
 *
 * <p>Sync. When the room is linked, and again after NATS was away, it publishes SYNC to every
 * node, reads from key-value which nodes hold places, and waits until each of those has sent a
 * snapshot or started a new stream, or {@value #SYNC_TIMEOUT_MILLIS} ms passed (then the silent
 * node's members leave). Joiners admitted meanwhile wait, so an S_EnterRoom lists every member
 * on every node.
 *
 * <p>Threading. Every field is owned by the room's jobs; the {@link RoomChannel.Events} methods
 * run on the NATS dispatcher thread and only push room jobs. Admission answers come from the
 * ledger and are pushed as room jobs too.
 */
final class ClusterRoom implements RoomChannel.Events {
    private static final Logger log = LoggerFactory.getLogger(ClusterRoom.class);
    static final long SYNC_TIMEOUT_MILLIS = 2000;

    private final GameRoom room;
    private final ClusterNode node;
    private RoomChannel channel;
    private RoomLedger ledger;
    private boolean closed;
    /** Sequence number of this node's last FRAME here; 0 while it has no active member. */
    private long seq;
    /** The other nodes' streams in this room, by node id. */
    private final Map<Long, Origin> origins = new HashMap<>();
    /** Nodes whose snapshot the sync waits for; null when not syncing. */
    private Set<Long> syncWait;
    private boolean holdersKnown;
    private int syncEpoch;
    /** Activations waiting for the sync. */
    private final ArrayDeque<Runnable> afterSync = new ArrayDeque<>();

    /** One other node's stream and members here. */
    private static final class Origin {
        final long node;
        final LinkedHashMap<Integer, MemberState> members = new LinkedHashMap<>();
        long last;
        boolean awaiting;
        long askedAt;

        Origin(long node) {
            this.node = node;
        }
    }

    ClusterRoom(GameRoom room, GameServer server) {
        this.room = room;
        this.node = server.cluster();
    }

    // ---- called from the room's jobs -----------------------------------------------------------

    /** Asks the cluster for a place for the pending {@code session}; the answer comes as a room job. */
    void admit(ClientSession session, CompletableFuture<Void> gate) {
        if (channel == null) {
            link();
        }
        RoomLedger l = ledger;
        l.admit(refusal -> room.run(() -> admitted(session, gate, refusal, l)));
    }

    private void admitted(ClientSession session, CompletableFuture<Void> gate, String refusal, RoomLedger l) {
        if (!room.awaitsAdmission(session)) {
            if (refusal == null) {
                l.release(); // it left (disconnected) while asking
            }
        } else if (refusal != null) {
            room.refuse(session, refusal);
        } else {
            room.admitted(session);
            if (syncWait == null) {
                room.activateAfter(session, gate);
            } else {
                afterSync.add(() -> room.activateAfter(session, gate));
            }
        }
    }

    /** An admitted member left: its place is given back. */
    void released() {
        ledger.release();
    }

    /** Publishes one broadcast of this node; the slice stays the caller's. */
    void publish(SendBuffer slice) {
        channel.publishFrame(++seq, slice);
    }

    /** This node's last active member left: its next broadcast starts a new stream. */
    void streamEnded() {
        seq = 0;
    }

    /** Adds the other nodes' members to a joiner's list. */
    void listRemote(List<S_EnterRoom.Player> players, List<Integer> nameBytes) {
        for (Origin o : origins.values()) {
            for (MemberState m : o.members.values()) {
                players.add(new S_EnterRoom.Player(m.playerId(), m.name(), m.x(), m.y(), m.z()));
                nameBytes.add(m.name().getBytes(StandardCharsets.UTF_8).length);
            }
        }
    }

    /** The room is retired: no more messages, and its ledger reference goes. */
    void close() {
        closed = true;
        if (channel != null) {
            channel.close();
            ledger.releaseRef();
        }
    }

    /** {@code dead} is gone: its members leave. */
    void nodeDown(long dead) {
        Origin o = origins.remove(dead);
        if (o != null) {
            dropMembers(o);
        }
        resolved(dead);
    }

    /** This node may have missed messages: every node is asked again, and this node's own state sent. */
    void resync() {
        if (channel != null && !closed) {
            channel.publishSnapshot(seq, room.activeMemberStates());
            beginSync();
        }
    }

    private void link() {
        channel = node.openRoom(room.name(), this);
        ledger = node.ledger(room.name());
        beginSync();
    }

    private void beginSync() {
        int epoch = ++syncEpoch;
        syncWait = new HashSet<>();
        holdersKnown = false;
        long now = System.nanoTime();
        for (Origin o : origins.values()) {
            o.awaiting = true;
            o.askedAt = now;
            syncWait.add(o.node);
        }
        channel.publishSync(0);
        node.holders(room.name(), holders -> room.run(() -> holdersRead(epoch, holders)));
        node.schedule(() -> room.run(() -> syncTimedOut(epoch)), SYNC_TIMEOUT_MILLIS);
    }

    private void holdersRead(int epoch, Set<Long> holders) {
        if (epoch != syncEpoch || syncWait == null) {
            return;
        }
        holdersKnown = true;
        for (long h : holders) {
            Origin o = origins.get(h);
            if (o == null) {
                o = new Origin(h);
                o.awaiting = true;
                o.askedAt = System.nanoTime();
                origins.put(h, o);
            }
            if (o.awaiting) {
                syncWait.add(h);
            }
        }
        // A node may still hold a place here for a moment after its room is gone (its write of
        // the release is on its way): asked directly, it says so at once instead of by silence.
        for (long waited : syncWait) {
            node.askPresence(waited, room.name(), () -> room.run(() -> absent(epoch, waited)));
        }
        maybeSynced();
    }

    /** {@code other} said it is not in the room: whoever of it is still listed here is gone. */
    private void absent(int epoch, long other) {
        Origin o = origins.get(other);
        if (epoch == syncEpoch && !closed && o != null && o.awaiting) {
            origins.remove(other);
            dropMembers(o);
            resolved(other);
        }
    }

    /** Another node asks whether this node is in the room: yes, with its snapshot, once linked. */
    boolean answerPresence() {
        if (channel == null || closed) {
            return false;
        }
        channel.publishSnapshot(seq, room.activeMemberStates());
        return true;
    }

    private void syncTimedOut(int epoch) {
        if (epoch != syncEpoch || syncWait == null || closed) {
            return;
        }
        for (long silent : syncWait) {
            Origin o = origins.get(silent);
            if (o != null && o.awaiting) {
                log.info("room '{}': node {} sent no snapshot within {} ms; its {} members leave", room.name(),
                        Long.toHexString(silent), SYNC_TIMEOUT_MILLIS, o.members.size());
                origins.remove(silent);
                dropMembers(o);
            }
        }
        syncWait.clear();
        holdersKnown = true;
        maybeSynced();
    }

    private void resolved(long origin) {
        if (syncWait != null && syncWait.remove(origin)) {
            maybeSynced();
        }
    }

    private void maybeSynced() {
        if (syncWait != null && holdersKnown && syncWait.isEmpty()) {
            syncWait = null;
            while (!afterSync.isEmpty()) {
                afterSync.poll().run();
            }
        }
    }

    /** Asks {@code o} for its snapshot and drops its FRAMEs until it comes (or the time is up). */
    private void await(Origin o) {
        long now = System.nanoTime();
        if (o.awaiting && now - o.askedAt < TimeUnit.MILLISECONDS.toNanos(SYNC_TIMEOUT_MILLIS)) {
            return; // asked already
        }
        o.awaiting = true;
        o.askedAt = now;
        channel.publishSync(o.node);
        long asked = o.askedAt;
        node.schedule(() -> room.run(() -> {
            if (!closed && origins.get(o.node) == o && o.awaiting && o.askedAt == asked) {
                origins.remove(o.node);
                dropMembers(o);
                resolved(o.node);
            }
        }), SYNC_TIMEOUT_MILLIS);
    }

    private void dropMembers(Origin o) {
        for (Iterator<MemberState> it = o.members.values().iterator(); it.hasNext(); ) {
            room.broadcastLocal(new S_BroadcastLeave(it.next().playerId()));
            it.remove();
        }
    }

    // ---- the other nodes' messages, as room jobs -----------------------------------------------

    private void frame(long origin, long frameSeq, byte[] data) {
        if (closed) {
            return;
        }
        Origin o = origins.get(origin);
        if (o == null) {
            o = new Origin(origin);
            origins.put(origin, o);
            if (frameSeq != 1) {
                await(o); // met in the middle of its stream
                return;
            }
        } else if (frameSeq == 1) {
            dropMembers(o); // a new stream: whoever was left of the old one is gone
            o.awaiting = false;
        } else if (o.awaiting) {
            return; // the snapshot asked for covers it
        } else if (frameSeq != o.last + 1) {
            log.debug("room '{}': node {} seq {} after {}: a gap; asking for its snapshot", room.name(),
                    Long.toHexString(origin), frameSeq, o.last);
            await(o);
            return;
        }
        o.last = frameSeq;
        if (apply(o, data)) {
            room.deliver(data, RoomChannel.FRAME_OFFSET);
        }
        if (o.members.isEmpty()) {
            origins.remove(origin); // its stream ended; the next starts at 1
        }
        resolved(origin);
    }

    /** Updates the remote members from one FRAME; false (and one WARN) for a frame members must not get. */
    private boolean apply(Origin o, byte[] data) {
        ByteBuffer frame = ByteBuffer.wrap(data, RoomChannel.FRAME_OFFSET, data.length - RoomChannel.FRAME_OFFSET)
                .slice().order(ByteOrder.LITTLE_ENDIAN);
        int size = frame.remaining() < PacketHeader.HEADER_LENGTH ? -1 : PacketHeader.size(frame, 0);
        int id = size < 0 ? -1 : PacketHeader.id(frame, 0);
        if (size != frame.remaining()) {
            log.warn("room '{}': node {} sent a frame of {} bytes whose header says {}; dropped", room.name(),
                    Long.toHexString(o.node), frame.remaining(), size);
            return false;
        }
        ByteBuffer payload = frame.position(PacketHeader.HEADER_LENGTH).slice().order(ByteOrder.LITTLE_ENDIAN);
        try {
            switch (id) {
                case S_BroadcastEnter.ID -> {
                    S_BroadcastEnter enter = S_BroadcastEnter.read(payload);
                    o.members.put(enter.playerId, new MemberState(enter.playerId, enter.name, enter.x, enter.y, enter.z));
                }
                case S_BroadcastLeave.ID -> o.members.remove(S_BroadcastLeave.read(payload).playerId);
                case S_BroadcastMove.ID -> {
                    S_BroadcastMove move = S_BroadcastMove.read(payload);
                    MemberState m = o.members.get(move.playerId);
                    if (m != null) {
                        o.members.put(move.playerId, new MemberState(m.playerId(), m.name(), move.x, move.y, move.z));
                    }
                }
                case S_Chat.ID -> {
                    // nothing to keep: members get it as it is
                }
                default -> {
                    log.warn("room '{}': node {} sent packet id {}, which is no broadcast; dropped", room.name(),
                            Long.toHexString(o.node), id);
                    return false;
                }
            }
        } catch (RuntimeException malformed) {
            log.warn("room '{}': node {} sent a malformed frame (id {}): {}; dropped", room.name(),
                    Long.toHexString(o.node), id, malformed.getMessage());
            return false;
        }
        return true;
    }

    private void sync(long origin, long target) {
        if (!closed && (target == 0 || target == node.id())) {
            channel.publishSnapshot(seq, room.activeMemberStates());
        }
    }

    private void snapshot(long origin, long snapshotSeq, List<MemberState> members) {
        if (closed) {
            return;
        }
        Origin o = origins.computeIfAbsent(origin, Origin::new);
        Map<Integer, MemberState> incoming = new LinkedHashMap<>();
        for (MemberState m : members) {
            incoming.put(m.playerId(), m);
        }
        for (Iterator<MemberState> it = o.members.values().iterator(); it.hasNext(); ) {
            MemberState had = it.next();
            if (!incoming.containsKey(had.playerId())) {
                it.remove();
                room.broadcastLocal(new S_BroadcastLeave(had.playerId()));
            }
        }
        for (MemberState m : incoming.values()) {
            MemberState had = o.members.put(m.playerId(), m);
            if (had == null) {
                room.broadcastLocal(new S_BroadcastEnter(m.playerId(), m.name(), m.x(), m.y(), m.z()));
            } else if (had.x() != m.x() || had.y() != m.y() || had.z() != m.z()) {
                room.broadcastLocal(new S_BroadcastMove(m.playerId(), m.x(), m.y(), m.z()));
            }
        }
        o.last = snapshotSeq;
        o.awaiting = false;
        if (o.members.isEmpty()) {
            origins.remove(origin);
        }
        resolved(origin);
    }

    // ---- RoomChannel.Events: the NATS dispatcher thread ---------------------------------------

    @Override
    public void onFrame(long origin, long frameSeq, byte[] data) {
        room.run(() -> frame(origin, frameSeq, data));
    }

    @Override
    public void onSync(long origin, long target) {
        room.run(() -> sync(origin, target));
    }

    @Override
    public void onSnapshot(long origin, long snapshotSeq, List<MemberState> members) {
        room.run(() -> snapshot(origin, snapshotSeq, members));
    }
}
