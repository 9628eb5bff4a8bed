package io.servercore.course;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import io.servercore.course.packet.C2S_Move;
import io.servercore.course.packet.S2C_BroadcastEnterGame;
import io.servercore.course.packet.S2C_BroadcastLeaveGame;
import io.servercore.course.packet.S2C_BroadcastMove;
import io.servercore.course.packet.S2C_PlayerList;
import io.servercore.job.Cancellable;
import io.servercore.job.JobQueue;
import io.servercore.job.JobTimer;
import io.servercore.net.DisconnectReason;
import io.servercore.packet.Packet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The one room of the game: the course's {@code GameRoom}. Players enter when they connect, move,
 * and leave with {@code C2S_LeaveGame} or by disconnecting. Broadcasts are not sent when they
 * are made: they are gathered, encoded once each, and a flush on a {@link JobTimer} tick copies
 * them into one slice that every member shares, so each member gets one socket write per tick
 * however many players moved (the course's "패킷 모아 보내기", sending packets gathered).
 *
 * <p>Threading. Everything the room keeps (members, positions, the gathered broadcasts, the
 * next tick) is touched only by jobs on its {@link JobQueue}, one at a time, so it needs no
 * lock. {@link #push}, {@link #start} and {@link #close} may be called from any thread; the
 * other methods are jobs and run only on the queue. The tick pushes the flush onto the same
 * queue, and the next tick is armed when a flush has run, so ticks never pile up behind a
 * busy room.
 *
 * <p>Who gets what. The joiner gets {@code S2C_PlayerList} at once, with every member (itself
 * marked {@code isSelf}) where they stand. A broadcast reaches the players who were members
 * when it was made and still are at the flush: the joiner gets its own
 * {@code S2C_BroadcastEnterGame} and what follows, but nothing made before its list, which
 * already shows the positions those broadcasts carried (the course's server flushes everything
 * gathered to every member, so its Unity client can be told twice of a player it listed, and
 * its {@code Dictionary.Add} throws). A player who left gets nothing more; its moves after
 * {@code C2S_LeaveGame} are ignored, and its disconnect then announces nothing again.
 */
final class GameRoom {
    private final JobQueue jobs;
    private final JobTimer timer;
    private final long flushMillis;
    private final int capacity;
    private final SendBufferManager pool;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    /** Members in the order they entered, which S2C_PlayerList keeps. Jobs only. */
    private final LinkedHashMap<ClientSession, Player> members = new LinkedHashMap<>();
    /** Broadcasts made since the last flush, each encoded once. Jobs only. */
    private final List<SendBuffer> gathered = new ArrayList<>();
    /** Jobs only. */
    private Cancellable nextFlush;
    /** Jobs only; the future above tells other threads. */
    private boolean isClosed;

    /** A member's state, owned by the room's jobs. */
    private static final class Player {
        final int playerId;
        float posX;
        float posY;
        float posZ;
        /** The first of {@link #gathered} made while this player was a member. */
        int firstGathered;

        Player(int playerId, int firstGathered) {
            this.playerId = playerId;
            this.firstGathered = firstGathered;
        }
    }

    /**
     * @param handoff     where a long drain of the queue continues (the I/O threads)
     * @param timer       the clock of the flush tick
     * @param flushMillis milliseconds between a flush and the next
     * @param capacity    the most members; a session entering a full room is closed
     * @param pool        where broadcasts are encoded
     */
    GameRoom(Executor handoff, JobTimer timer, long flushMillis, int capacity, SendBufferManager pool) {
        this.jobs = new JobQueue(handoff);
        this.timer = timer;
        this.flushMillis = flushMillis;
        this.capacity = capacity;
        this.pool = pool;
    }

    /** Queues {@code job} to run on the room's queue (the course's {@code IJobQueue.Push}). */
    void push(Runnable job) {
        jobs.push(job);
    }

    /** Arms the first flush tick. */
    void start() {
        push(this::armFlush);
    }

    /**
     * Stops the ticks and releases the broadcasts not flushed; later leaves announce nothing.
     * Completes once done.
     */
    CompletableFuture<Void> close() {
        push(this::closeNow);
        return closed;
    }

    /** Job: {@code session} joins at (0, 0, 0), gets the member list, and everyone hears of it. */
    void enter(ClientSession session) {
        if (isClosed) {
            session.disconnect(DisconnectReason.SHUTDOWN);
            return;
        }
        if (members.size() >= capacity) {
            session.disconnect(DisconnectReason.LOCAL, "the room is full: " + capacity + " players");
            return;
        }
        Player joiner = new Player(session.playerId(), gathered.size());
        members.put(session, joiner);
        S2C_PlayerList list = new S2C_PlayerList();
        members.forEach((s, p) -> list.player.add(new S2C_PlayerList.Player(s == session, p.playerId, p.posX, p.posY,
                p.posZ)));
        session.send(list.write(pool));
        gather(new S2C_BroadcastEnterGame(joiner.playerId, joiner.posX, joiner.posY, joiner.posZ));
    }

    /** Job: {@code session} is no longer a member, and the rest hear of it; nothing if it was not one. */
    void leave(ClientSession session) {
        Player leaver = members.remove(session);
        if (leaver != null && !isClosed) {
            gather(new S2C_BroadcastLeaveGame(leaver.playerId));
        }
    }

    /** Job: stores a member's position and tells everyone; ignored from a player not in the room. */
    void move(ClientSession session, C2S_Move packet) {
        Player mover = members.get(session);
        if (mover == null || isClosed) {
            return;
        }
        mover.posX = packet.posX;
        mover.posY = packet.posY;
        mover.posZ = packet.posZ;
        gather(new S2C_BroadcastMove(mover.playerId, mover.posX, mover.posY, mover.posZ));
    }

    /**
     * Job, on the tick: hands every member what was gathered for it, then arms the next tick.
     * The broadcasts are copied into as few slices as the pool's chunks allow, shared by every
     * member: one send per member, so one socket write, even where the engine would start a
     * member's write on another I/O thread before a flush had queued all of its packets.
     */
    void flush() {
        if (isClosed) {
            return;
        }
        Map<Integer, List<SendBuffer>> batches = new HashMap<>();
        try {
            if (!gathered.isEmpty()) {
                for (Map.Entry<ClientSession, Player> member : members.entrySet()) {
                    Player player = member.getValue();
                    if (player.firstGathered < gathered.size()) {
                        for (SendBuffer batch : batches.computeIfAbsent(player.firstGathered, this::copyGathered)) {
                            member.getKey().send(batch.retain());
                        }
                    }
                    player.firstGathered = 0;
                }
            }
        } finally {
            batches.values().forEach(GameRoom::releaseAll);
            releaseAll(gathered);
            armFlush();
        }
    }

    /** Copies the broadcasts gathered from {@code from} on into slices of at most a chunk each. */
    private List<SendBuffer> copyGathered(int from) {
        return pool.coalesce(gathered, from);
    }

    /** Job, for tests and diagnostics: members now. */
    int memberCount() {
        return members.size();
    }

    /** Job, for tests and diagnostics: broadcasts gathered since the last flush. */
    int gatheredCount() {
        return gathered.size();
    }

    private void gather(Packet packet) {
        gathered.add(packet.write(pool));
    }

    private void armFlush() {
        if (!isClosed) {
            nextFlush = timer.pushAfter(jobs, this::flush, flushMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Releases every slice of {@code slices} and empties it. */
    private static void releaseAll(List<SendBuffer> slices) {
        for (SendBuffer slice : slices) {
            slice.release();
        }
        slices.clear();
    }

    private void closeNow() {
        if (!isClosed) {
            isClosed = true;
            if (nextFlush != null) {
                nextFlush.cancel();
            }
            releaseAll(gathered);
        }
        closed.complete(null);
    }
}
