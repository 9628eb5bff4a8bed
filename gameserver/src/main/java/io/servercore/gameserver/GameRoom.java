package io.servercore.gameserver;

import io.servercore.buffer.SendBuffer;
import io.servercore.gameserver.cluster.MemberState;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_BroadcastMove;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.job.JobQueue;
import io.servercore.packet.Packet;
import io.servercore.packet.PacketHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat room: the course's GameRoom. Members, enter, leave, chat and move.
 *
 * <p>Threading. Every change is a job on the room's own {@link JobQueue}, so the member map and
 * the positions in it are touched by one thread at a time and need no lock, and no broadcast
 * ever iterates the members while they change. The package-level methods only push jobs and
 * may be called from any thread. A broadcast encodes its packet once and hands the same slice,
 * retained once per member, to every member's session; the sends are flushed per session when
 * the drain ends, so one socket write carries many packets under load.
 *
 * <p>Order. Jobs run in push order, and a session pushes from its receive path in the order its
 * packets arrived, so within a room each sender's chats reach every member in the order sent.
 * Across rooms, a session that switches is first a <em>pending</em> member of its new room: it
 * counts against the capacity and its chats and moves wait in order, but it gets and causes no
 * traffic until every room it left has processed its leave (its {@code gate}). Only then is it
 * activated: it gets its {@code S_EnterRoom}, the others its {@code S_BroadcastEnter}, and its
 * waiting packets go out. So a lagging old room can never deliver to it, or from it, after its
 * new room did, and a joiner gets every broadcast that follows its {@code S_EnterRoom} and none
 * before it. A pending member that switches on (or re-enters) before it is activated waits in
 * the same line: it is still activated and answered, then leaves, in the order the player sent
 * its packets, so every C_EnterRoom gets its S_EnterRoom and every chat its echo. Only a
 * disconnected session's pending entry is dropped at once.
 *
 * <p>Across nodes ({@code --cluster}). The room then has a {@link ClusterRoom}, which is null on a
 * single node, where nothing else here changes. A joiner stays pending until the cluster-wide
 * capacity check admitted it and the room knows the members of every node; a broadcast is also
 * published, as its frame bytes, to the other nodes; their broadcasts come back as jobs on this
 * same queue ({@link #deliver}), so the order rules above hold for every member of every node.
 */
final class GameRoom {
    /** S_EnterRoom bytes before the list: header, playerId, room string length, list count. */
    private static final int ENTER_FIXED = PacketHeader.HEADER_LENGTH + 4 + 2 + 2;
    /** S_EnterRoom bytes per listed player besides its name: playerId, name length, x, y, z. */
    private static final int ENTER_PER_PLAYER = 4 + 2 + 12;

    private final String name;
    private final GameServer server;
    private final RoomManager manager;
    private final JobQueue jobs;
    /** Sessions routed here; -1 once retired. */
    private final AtomicInteger refs = new AtomicInteger();
    /** Owned by the jobs. Insertion order is join order, which S_EnterRoom lists. */
    private final LinkedHashMap<Integer, Member> members = new LinkedHashMap<>();
    /** Members that are active (not pending); owned by the jobs. */
    private int active;
    /** The room's side of the cluster; null on a single node. */
    private final ClusterRoom cluster;
    /** The broadcasts gathered until the next tick; null unless --broadcast-tick is on. Jobs only. */
    private final BroadcastTick tick;

    /** A member's state; owned by the room's jobs. */
    private static final class Member {
        final ClientSession session;
        final String name;
        final int nameBytes;
        /** Packets from a pending member, in arrival order; null once active. */
        ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        /** Cluster: whether it holds a place in the cluster-wide count (to give back when it leaves). */
        boolean admitted;
        float x;
        float y;
        float z;

        Member(ClientSession session, String name) {
            this.session = session;
            this.name = name;
            this.nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        }

        boolean isActive() {
            return waiting == null;
        }
    }

    GameRoom(String name, GameServer server, RoomManager manager) {
        this.name = name;
        this.server = server;
        this.manager = manager;
        this.jobs = new JobQueue(server.core()::execute);
        this.cluster = server.cluster() == null ? null : new ClusterRoom(this, server);
        this.tick = server.config().broadcastTickMillis() > 0 ? new BroadcastTick() : null;
    }

    String name() {
        return name;
    }

    /** The room's side of the cluster; null on a single node. */
    ClusterRoom cluster() {
        return cluster;
    }

    boolean tryAcquire() {
        for (;;) {
            int n = refs.get();
            if (n < 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference from a job; the last one retires the room. */
    private void releaseRef() {
        if (refs.decrementAndGet() == 0 && refs.compareAndSet(0, -1)) {
            manager.retired(this);
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** Enters {@code session}, active once {@code gate} completes (every room it left processed its leave). */
    void enter(ClientSession session, String playerName, CompletableFuture<Void> gate) {
        jobs.push(() -> doEnter(session, playerName, gate));
    }

    /**
     * Leaves; with {@code reply}, answers NOT_IN_ROOM when the session was not a member. Drops the
     * session's reference, then completes {@code processed} (may be null).
     */
    void leave(ClientSession session, boolean reply, CompletableFuture<Void> processed) {
        jobs.push(() -> doLeave(session, reply, processed));
    }

    void chat(ClientSession session, String chat) {
        jobs.push(() -> doChat(session, chat));
    }

    void move(ClientSession session, float x, float y, float z) {
        jobs.push(() -> doMove(session, x, y, z));
    }

    /** Runs {@code job} on the room's queue, after every job pushed before it; for tests and tools. */
    void run(Runnable job) {
        jobs.push(job);
    }

    /** The active members' player ids in join order, as clients see them; call from a room job only. */
    List<Integer> memberIdsInJob() {
        List<Integer> ids = new ArrayList<>();
        for (Member m : members.values()) {
            if (m.isActive()) {
                ids.add(m.session.playerId());
            }
        }
        return ids;
    }

    private void doEnter(ClientSession session, String playerName, CompletableFuture<Void> gate) {
        if (session.isClosed()) {
            return; // its leave job follows and drops the reference
        }
        Member existing = members.get(session.playerId());
        if (existing != null) {
            // Re-entering while its earlier entry here still waits to be activated and to leave:
            // this entry follows that one, in order.
            existing.waiting.add(() -> doEnter(session, playerName, gate));
            return;
        }
        if (cluster != null) {
            members.put(session.playerId(), new Member(session, playerName));
            cluster.admit(session, gate); // then admitted(), refuse() or nothing if it left meanwhile
            return;
        }
        if (members.size() >= server.config().roomCapacity()) {
            session.error(ErrorCode.ROOM_FULL, "room '" + name + "' is full: capacity=" + server.config().roomCapacity());
            return;
        }
        members.put(session.playerId(), new Member(session, playerName));
        activateAfter(session, gate);
    }

    /** Activates the pending {@code session} once {@code gate} is open; a room job. */
    void activateAfter(ClientSession session, CompletableFuture<Void> gate) {
        if (gate.isDone()) {
            doActivate(session);
        } else {
            gate.thenRun(() -> jobs.push(() -> doActivate(session)));
        }
    }

    // ---- cluster admission, room jobs called by ClusterRoom --------------------------------------

    /** Whether {@code session} is a pending member still waiting for the capacity check. */
    boolean awaitsAdmission(ClientSession session) {
        Member m = members.get(session.playerId());
        return m != null && !m.isActive() && !m.admitted;
    }

    /** The capacity check gave {@code session} a place. */
    void admitted(ClientSession session) {
        members.get(session.playerId()).admitted = true;
    }

    /** The capacity check refused {@code session}: S_Error(4), and what it sent meanwhile finds no member. */
    void refuse(ClientSession session, String why) {
        Member member = members.remove(session.playerId());
        session.error(ErrorCode.ROOM_FULL, "room '" + name + "' is " + why + ": capacity="
                + server.config().roomCapacity());
        ArrayDeque<Runnable> waiting = member.waiting;
        member.waiting = null;
        for (Runnable op : waiting) {
            op.run();
        }
    }

    private void doActivate(ClientSession session) {
        Member joiner = members.get(session.playerId());
        if (joiner == null || joiner.isActive()) {
            return; // left (or refused) while pending
        }
        flushTick(); // what was gathered before the joiner's list is not the joiner's
        sendMemberList(session);
        broadcast(new S_BroadcastEnter(session.playerId(), joiner.name, 0f, 0f, 0f));
        flushTick(); // the others' news of the joiner, not the joiner's
        ArrayDeque<Runnable> waiting = joiner.waiting;
        joiner.waiting = null;
        active++;
        for (Runnable packet : waiting) {
            packet.run();
        }
    }

    /** Sends S_EnterRoom with every other active member, split over frames that fit the u16 size. */
    private void sendMemberList(ClientSession joiner) {
        List<S_EnterRoom.Player> all = new ArrayList<>();
        List<Integer> nameBytes = new ArrayList<>();
        for (Member m : members.values()) {
            if (m.isActive()) {
                all.add(new S_EnterRoom.Player(m.session.playerId(), m.name, m.x, m.y, m.z));
                nameBytes.add(m.nameBytes);
            }
        }
        if (cluster != null) {
            cluster.listRemote(all, nameBytes); // the members of every other node
        }
        int roomBytes = name.getBytes(StandardCharsets.UTF_8).length;
        List<S_EnterRoom.Player> batch = new ArrayList<>();
        int size = ENTER_FIXED + roomBytes;
        for (int i = 0; i < all.size(); i++) {
            int entry = ENTER_PER_PLAYER + nameBytes.get(i);
            if (size + entry > PacketHeader.MAX_FRAME_SIZE) {
                joiner.send(new S_EnterRoom(joiner.playerId(), name, batch));
                batch = new ArrayList<>();
                size = ENTER_FIXED + roomBytes;
            }
            batch.add(all.get(i));
            size += entry;
        }
        joiner.send(new S_EnterRoom(joiner.playerId(), name, batch));
    }

    /** The active members and their positions, as this node's snapshot of the room lists them. */
    List<MemberState> activeMemberStates() {
        List<MemberState> states = new ArrayList<>(active);
        for (Member m : members.values()) {
            if (m.isActive()) {
                states.add(new MemberState(m.session.playerId(), m.name, m.x, m.y, m.z));
            }
        }
        return states;
    }

    private void doLeave(ClientSession session, boolean reply, CompletableFuture<Void> processed) {
        Member member = members.get(session.playerId());
        if (member != null && !member.isActive() && !session.isClosed()) {
            // A switch before activation: the entry still gets its S_EnterRoom and its packets
            // answered, then leaves, in the order the player sent them.
            member.waiting.add(() -> doLeave(session, reply, processed));
            return;
        }
        if (member != null && member.isActive()) {
            flushTick(); // the leaver gets what was broadcast before its leave, and nothing after
        }
        members.remove(session.playerId());
        if (member != null && member.isActive()) {
            active--;
            broadcast(new S_BroadcastLeave(session.playerId()));
            if (cluster != null && active == 0) {
                cluster.streamEnded();
            }
        } else if (member == null && reply) {
            session.error(ErrorCode.NOT_IN_ROOM, "not in a room");
        }
        if (cluster != null && member != null && member.admitted) {
            cluster.released();
        }
        releaseRef();
        if (processed != null) {
            processed.complete(null);
        }
        if (member != null && !member.isActive()) {
            // A disconnected session's pending entry, dropped unseen. What waited behind it still
            // runs against a room it is no longer in: its leaves drop their references.
            ArrayDeque<Runnable> waiting = member.waiting;
            member.waiting = null;
            for (Runnable op : waiting) {
                op.run();
            }
        }
    }

    private void doChat(ClientSession session, String chat) {
        Member member = members.get(session.playerId());
        if (member == null) {
            session.error(ErrorCode.NOT_IN_ROOM, "not in a room");
        } else if (!member.isActive()) {
            member.waiting.add(() -> doChat(session, chat));
        } else {
            broadcast(new S_Chat(session.playerId(), chat));
        }
    }

    private void doMove(ClientSession session, float x, float y, float z) {
        Member member = members.get(session.playerId());
        if (member == null) {
            session.error(ErrorCode.NOT_IN_ROOM, "not in a room");
        } else if (!member.isActive()) {
            member.waiting.add(() -> doMove(session, x, y, z));
        } else {
            member.x = x;
            member.y = y;
            member.z = z;
            broadcast(new S_BroadcastMove(session.playerId(), x, y, z));
        }
    }

    /** Encodes once, shares the slice with every active member; in a cluster publishes it to the other nodes. */
    private void broadcast(Packet packet) {
        if (cluster != null) {
            SendBuffer slice = packet.write(server.pool());
            cluster.publish(slice);
            fanOut(slice);
            return;
        }
        int n = active;
        if (n == 0) {
            return;
        }
        fanOut(packet.write(server.pool()), n);
    }

    /** A broadcast for this node's members only: what a resync or a dead node's departure tells them. */
    void broadcastLocal(Packet packet) {
        if (active > 0) {
            fanOut(packet.write(server.pool()), active);
        }
    }

    /** Another node's broadcast: its frame bytes from {@code offset}, copied once, to every active member. */
    void deliver(byte[] data, int offset) {
        if (active > 0) {
            fanOut(server.pool().copyOf(java.nio.ByteBuffer.wrap(data, offset, data.length - offset)), active);
        }
    }

    private void fanOut(SendBuffer slice) {
        if (active == 0) {
            slice.release();
        } else {
            fanOut(slice, active);
        }
    }

    /**
     * Hands {@code slice} (one reference held) to each of the {@code n} active members,
     * {@code n > 0}; with a broadcast tick, gathers it for the next tick instead.
     */
    private void fanOut(SendBuffer slice, int n) {
        if (tick != null) {
            tick.add(slice);
            if (tick.next == null) {
                tick.next = server.core().timer().pushAfter(jobs, this::onTick, server.config().broadcastTickMillis(),
                        TimeUnit.MILLISECONDS);
            }
            return;
        }
        sendToActive(slice, n);
    }

    /** A room job, when the tick comes. */
    private void onTick() {
        tick.next = null;
        flushTick();
    }

    /**
     * Sends every active member what the tick gathered, as few slices as possible; a room job.
     * Called early (on a join or a leave) it calls the pending tick off, so the next tick counts
     * from the next broadcast gathered.
     */
    private void flushTick() {
        if (tick == null || tick.isEmpty()) {
            return;
        }
        if (tick.next != null) {
            tick.next.cancel();
            tick.next = null;
        }
        for (SendBuffer batch : tick.drain(server.pool())) {
            if (active > 0) {
                sendToActive(batch, active);
            } else {
                batch.release();
            }
        }
    }

    private void sendToActive(SendBuffer slice, int n) {
        if (n > 1) {
            slice.retain(n - 1);
        }
        int sent = 0;
        for (Member member : members.values()) {
            if (member.isActive()) {
                member.session.send(slice);
                sent++;
            }
        }
        assert sent == n : "active count " + n + " but " + sent + " active members";
    }
}
