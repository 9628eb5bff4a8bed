package io.servercore.gameserver;

import io.servercore.buffer.SendBufferManager;
import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.C_LeaveRoom;
import io.servercore.gameserver.protocol.C_Move;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.ClientPacketHandler;
import io.servercore.gameserver.protocol.ClientPacketManager;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_BroadcastMove;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.gameserver.protocol.S_Error;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.net.DisconnectReason;
import io.servercore.net.PacketSession;
import io.servercore.packet.Packet;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An asynchronous game client for swarm tests: one session of a {@code ClientService}, driven
 * by a test thread ({@link #enter}, {@link #leave}, {@link #chat}, {@link #move}, {@link #ping},
 * {@link #quit}) and checking, as it receives, what a real client must be able to rely on.
 *
 * <p>What it keeps. Its view of the room it is in: the members of its last {@code S_EnterRoom}
 * (several frames of one entry are joined), plus {@code S_BroadcastEnter}, minus
 * {@code S_BroadcastLeave}. A chat's text is {@code <key>:<seq>:<room>}: {@code key} names the
 * sending session, {@code seq} counts its chats from 1, {@code room} is the room it was sent to.
 *
 * <p>What it reports to its {@link Ledger} as a problem: a sender's chats arriving out of order;
 * a chat, move, enter or leave that the view cannot explain (e.g. from a player not in the
 * room, or a chat of another room); a C_EnterRoom left without its own {@code S_EnterRoom} (each
 * one is an entry, answered in order), or an {@code S_EnterRoom} for a room it did not ask for
 * or with another player id; any {@code S_Error}; a malformed frame; a close it did not ask for.
 * Its own echoed chats go to the ledger as accepted in the room it was in; {@link #unechoedChats()}
 * tells how many it sent that have not come back.
 *
 * <p>Threading: the driver methods may be called from any thread; the receive side runs on an
 * I/O thread. Both touch the state under this object's monitor, and no lock is held while
 * sending.
 */
final class SwarmClient extends PacketSession {
    private static final ClientPacketManager<SwarmClient> PACKETS =
            new ClientPacketManager<>(new Handler(), SwarmClient::malformed);
    private static final int MAX_PROBLEMS = 1000;

    /** What a swarm's clients found, for the test to assert on. Thread-safe. */
    static final class Ledger {
        private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        private final AtomicInteger problemCount = new AtomicInteger();
        /** Chat texts whose sender saw its own echo, by the room it saw it in. */
        private final Map<String, Set<String>> accepted = new ConcurrentHashMap<>();

        void problem(String what) {
            if (problemCount.incrementAndGet() <= MAX_PROBLEMS) {
                problems.add(what);
            }
        }

        int problemCount() {
            return problemCount.get();
        }

        /** The first {@code max} problems, one a line, with the total. */
        String problems(int max) {
            StringBuilder out = new StringBuilder().append(problemCount.get()).append(" problems");
            int n = 0;
            for (String p : problems) {
                if (n++ == max) {
                    out.append("\n  ...");
                    break;
                }
                out.append("\n  ").append(p);
            }
            return out.toString();
        }

        void accepted(String room, String text) {
            accepted.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(text);
        }

        /** The chats accepted in {@code room} so far (a copy). */
        Set<String> accepted(String room) {
            Set<String> texts = accepted.get(room);
            return texts == null ? Set.of() : new HashSet<>(texts);
        }

        int acceptedCount() {
            int n = 0;
            for (Set<String> texts : accepted.values()) {
                n += texts.size();
            }
            return n;
        }
    }

    private final String key;
    private final String name;
    private final Ledger ledger;
    private final boolean keepChats;

    // ---- driver side, guarded by this ----
    /** The rooms asked for by C_EnterRoom, in order. */
    private final List<String> enterRequests = new ArrayList<>();
    /** The room the server routes this session's packets to: the last asked for, null after a leave. */
    private String requestedRoom;
    private int chatsSent;
    private boolean quitting;

    // ---- receive side, guarded by this ----
    private int playerId;
    /** The room of the last S_EnterRoom; what arrives after it belongs to it. */
    private String viewRoom;
    private final Set<Integer> view = new HashSet<>();
    private int entriesSeen;
    private boolean lastWasEnterRoom;
    private final Map<String, Integer> lastSeqBySender = new HashMap<>();
    private final Map<String, Integer> playerIdBySender = new HashMap<>();
    private final Set<String> chatsReceived = new HashSet<>();
    private int chatsReceivedTotal;
    private int echoes;
    private long lastPong = -1;
    private boolean closed;

    /**
     * @param key       unique among the swarm's sessions; prefixes this session's chats
     * @param name      the player name it enters rooms with (1 to 32 bytes of UTF-8)
     * @param keepChats whether to keep the text of every chat received, for {@link #chatsReceived()}
     */
    SwarmClient(String key, String name, Ledger ledger, boolean keepChats) {
        this.key = key;
        this.name = name;
        this.ledger = ledger;
        this.keepChats = keepChats;
    }

    String key() {
        return key;
    }

    // ---- driver --------------------------------------------------------------------------

    /** Sends C_EnterRoom(room); the server leaves the current room first. */
    void enter(String room) {
        synchronized (this) {
            requestedRoom = room;
            enterRequests.add(room);
        }
        sendPacket(new C_EnterRoom(room, name));
    }

    /** Sends C_LeaveRoom; only call while in a room. */
    void leave() {
        synchronized (this) {
            if (requestedRoom == null) {
                throw new IllegalStateException(key + " is in no room");
            }
            requestedRoom = null;
        }
        sendPacket(new C_LeaveRoom());
    }

    /** Sends the next chat to the room it is in; only call while in a room. */
    void chat() {
        String text;
        synchronized (this) {
            if (requestedRoom == null) {
                throw new IllegalStateException(key + " is in no room");
            }
            text = key + ":" + (++chatsSent) + ":" + requestedRoom;
        }
        sendPacket(new C_Chat(text));
    }

    void move(float x, float y, float z) {
        sendPacket(new C_Move(x, y, z));
    }

    void ping(long time) {
        sendPacket(new C_Ping(time));
    }

    /** Disconnects on purpose: no room is asked for any more, and the close is no problem. */
    void quit() {
        synchronized (this) {
            quitting = true;
            requestedRoom = null;
        }
        disconnect();
    }

    private void sendPacket(Packet packet) {
        send(packet.write(SendBufferManager.shared())); // send takes the reference, also when closed
    }

    // ---- observations for the test -------------------------------------------------------

    synchronized String requestedRoom() {
        return requestedRoom;
    }

    synchronized boolean quitting() {
        return quitting;
    }

    /** Whether an S_EnterRoom arrived for every C_EnterRoom sent. */
    synchronized boolean entriesAnswered() {
        return entriesSeen == enterRequests.size();
    }

    synchronized int playerId() {
        return playerId;
    }

    synchronized String viewRoom() {
        return viewRoom;
    }

    /** The members of its room as it sees them, itself included. */
    synchronized Set<Integer> viewWithSelf() {
        Set<Integer> all = new HashSet<>(view);
        all.add(playerId);
        return all;
    }

    /** Chats sent that the server has not echoed (yet); every chat sent in a room must come back. */
    synchronized int unechoedChats() {
        return chatsSent - echoes;
    }

    synchronized long lastPong() {
        return lastPong;
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized int chatsReceivedTotal() {
        return chatsReceivedTotal;
    }

    /** The chat texts received (a copy); empty unless made with {@code keepChats}. */
    synchronized Set<String> chatsReceived() {
        return new HashSet<>(chatsReceived);
    }

    // ---- receive side (I/O thread) -------------------------------------------------------

    @Override
    protected void onRecvPacket(int id, ByteBuffer payload) {
        PACKETS.dispatch(this, id, payload);
    }

    @Override
    protected void onDisconnected(DisconnectReason reason) {
        boolean expected;
        synchronized (this) {
            closed = true;
            expected = quitting;
        }
        if (!expected) {
            ledger.problem(this + ": closed without quitting: " + reason);
        }
    }

    private static void malformed(SwarmClient client, String detail) {
        client.ledger.problem(client + ": malformed frame: " + detail);
        client.violation(detail);
    }

    private void problem(String what) {
        ledger.problem(this + " in " + viewRoom + ": " + what);
    }

    private synchronized void onEnterRoom(S_EnterRoom packet) {
        boolean continuation = lastWasEnterRoom && packet.room.equals(viewRoom)
                && entriesSeen == enterRequests.size();
        lastWasEnterRoom = true;
        if (playerId == 0) {
            playerId = packet.playerId;
        } else if (packet.playerId != playerId) {
            problem("S_EnterRoom for player " + packet.playerId + ", but this session is player " + playerId);
        }
        if (!continuation) {
            int answered = enterRequests.subList(entriesSeen, enterRequests.size()).indexOf(packet.room);
            if (answered < 0) {
                problem("S_EnterRoom(" + packet.room + ") without a C_EnterRoom(" + packet.room + ") waiting for it;"
                        + " waiting: " + enterRequests.subList(entriesSeen, enterRequests.size()));
                entriesSeen = Math.min(entriesSeen + 1, enterRequests.size());
            } else {
                if (answered > 0) {
                    problem("no S_EnterRoom for C_EnterRoom" + enterRequests.subList(entriesSeen, entriesSeen + answered)
                            + ", sent before the C_EnterRoom(" + packet.room + ") that this S_EnterRoom answers");
                }
                entriesSeen += answered + 1; // one problem, not one for every entry after the lost one
            }
            viewRoom = packet.room;
            view.clear();
        }
        for (S_EnterRoom.Player p : packet.player) {
            if (p.playerId == playerId) {
                problem("S_EnterRoom lists the joiner itself");
            } else if (!view.add(p.playerId)) {
                problem("S_EnterRoom lists player " + p.playerId + " twice");
            }
        }
    }

    private synchronized void onBroadcastEnter(S_BroadcastEnter packet) {
        lastWasEnterRoom = false;
        if (viewRoom == null) {
            problem("S_BroadcastEnter(" + packet.playerId + ") before any S_EnterRoom");
        } else if (packet.playerId == playerId) {
            problem("S_BroadcastEnter of itself");
        } else if (!view.add(packet.playerId)) {
            problem("S_BroadcastEnter(" + packet.playerId + ") of a player already in the room");
        }
    }

    private synchronized void onBroadcastLeave(S_BroadcastLeave packet) {
        lastWasEnterRoom = false;
        if (!view.remove(packet.playerId)) {
            problem("S_BroadcastLeave(" + packet.playerId + ") of a player not in the room");
        }
    }

    private synchronized void onBroadcastMove(S_BroadcastMove packet) {
        lastWasEnterRoom = false;
        if (packet.playerId != playerId && !view.contains(packet.playerId)) {
            problem("S_BroadcastMove(" + packet.playerId + ") of a player not in the room");
        }
    }

    private synchronized void onChat(S_Chat packet) {
        lastWasEnterRoom = false;
        chatsReceivedTotal++;
        String[] parts = packet.chat.split(":", -1);
        int seq;
        try {
            seq = parts.length == 3 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            seq = -1;
        }
        if (seq < 1) {
            problem("S_Chat with a text no swarm client sends: '" + packet.chat + "'");
            return;
        }
        String sender = parts[0];
        String room = parts[2];
        if (!room.equals(viewRoom)) {
            problem("chat '" + packet.chat + "' of room " + room + " arrived after S_EnterRoom(" + viewRoom + ")");
        }
        if (packet.playerId != playerId && !view.contains(packet.playerId)) {
            problem("chat '" + packet.chat + "' from player " + packet.playerId + ", who is not in the room");
        }
        Integer senderId = playerIdBySender.putIfAbsent(sender, packet.playerId);
        if (senderId != null && senderId != packet.playerId) {
            problem("chat '" + packet.chat + "' from player " + packet.playerId + ", earlier chats of " + sender
                    + " came from player " + senderId);
        }
        Integer last = lastSeqBySender.put(sender, seq);
        if (last != null && seq <= last) {
            problem("chat '" + packet.chat + "' of " + sender + " after its chat " + last + ": out of order");
        }
        if (keepChats) {
            chatsReceived.add(packet.chat);
        }
        if (sender.equals(key)) {
            if (packet.playerId != playerId) {
                problem("own chat '" + packet.chat + "' echoed as player " + packet.playerId);
            }
            echoes++;
            ledger.accepted(viewRoom, packet.chat);
        }
    }

    private synchronized void onPong(S_Pong packet) {
        lastPong = packet.time;
    }

    @Override
    public String toString() {
        return "SwarmClient(" + key + ", player " + playerId + ")";
    }

    /** Routes each parsed packet to its client. */
    private static final class Handler implements ClientPacketHandler<SwarmClient> {
        @Override
        public void handle(SwarmClient session, S_EnterRoom packet) {
            session.onEnterRoom(packet);
        }

        @Override
        public void handle(SwarmClient session, S_BroadcastEnter packet) {
            session.onBroadcastEnter(packet);
        }

        @Override
        public void handle(SwarmClient session, S_BroadcastLeave packet) {
            session.onBroadcastLeave(packet);
        }

        @Override
        public void handle(SwarmClient session, S_Chat packet) {
            session.onChat(packet);
        }

        @Override
        public void handle(SwarmClient session, S_BroadcastMove packet) {
            session.onBroadcastMove(packet);
        }

        @Override
        public void handle(SwarmClient session, S_Pong packet) {
            session.onPong(packet);
        }

        @Override
        public void handle(SwarmClient session, S_Error packet) {
            synchronized (session) {
                session.problem("S_Error(" + packet.code + ", " + packet.message + ")");
            }
        }
    }
}
