package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.servercore.buffer.SendBufferManager;
import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.packet.Packet;
import io.servercore.testing.Await;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rooms under concurrency (the concurrency test). 200 clients enter, chat, move,
 * switch rooms, leave and disconnect at random across 5 rooms; afterwards every receiver saw
 * each sender's chats in the order sent, no chat was lost for a receiver that stayed in the
 * room the whole time, every room's membership on the server matches the view of every client
 * in it, empty rooms are gone, and the send buffer pool has nothing outstanding.
 *
 * <p>The clients ({@link SwarmClient}) are asynchronous sessions on their own engine that check
 * every packet against their view of the room as it arrives: a chat, move, enter or leave the
 * view cannot explain is a problem, and so is a C_EnterRoom without its S_EnterRoom or a chat
 * that never comes back to its sender. A chat counts as accepted in room X once its sender saw
 * its own echo while in X. Stayers enter one room before the swarm starts and never leave it.
 * Each round every client takes one action (now and then a burst of two switches with a chat
 * after each, so that rooms are entered while the rooms left still lag), then every client
 * pings, so the run is a fixed number of actions. A failure names its seed; rerun it with
 * {@code -Dswarm.seed=N} (the interleaving on the server still varies).
 *
 * <p>Two deterministic tests hold one room's job queue to pin what the swarm relies on at a
 * room switch: the old room's backlog reaches the client before the new room's traffic, and
 * switching on while the old room lags still answers every C_EnterRoom and echoes every chat.
 */
class RoomConcurrencyTest {
    private static final int CLIENTS = 200;
    private static final int ROOMS = 5;
    private static final int STAYERS_PER_ROOM = 4;
    private static final int ROUNDS = 60;
    private static final long QUIET_DEADLINE_SECONDS = 30;

    /** The protocol's defaults with the packet rate limit off. */
    private static GameServerConfig rateLimitOff() {
        return new GameServerConfig("127.0.0.1", 0, 2, 10_000, 4096, 1000, 1024, 0, 0, 4L << 20, 60_000, 0);
    }

    private static String room(int i) {
        return "room-" + i;
    }

    /** One client's place in the swarm: its session now, a new one after each reconnect, null while away. */
    private static final class Slot {
        final boolean stayer;
        SwarmClient client;

        Slot(boolean stayer, SwarmClient client) {
            this.stayer = stayer;
            this.client = client;
        }

        boolean connected() {
            return client != null;
        }
    }

    @Test
    @Timeout(120)
    void clientsEnteringChattingMovingSwitchingAndDisconnectingAtRandomLoseNothingAndAgreeOnMembership()
            throws Exception {
        long seed = Long.getLong("swarm.seed", System.nanoTime());
        Random random = new Random(seed);
        String context = "seed=" + seed + " (rerun with -Dswarm.seed=" + seed + ")";
        int actions = 0;
        int quits = 0;
        int switches = 0;
        long started = System.nanoTime();
        GameServer server = TestServers.start(rateLimitOff());
        try (Swarm swarm = new Swarm(server.address(), 2, n -> "player-" + n)) {
            SwarmClient.Ledger ledger = swarm.ledger;
            List<SwarmClient> first = swarm.connect(CLIENTS);
            List<Slot> slots = new ArrayList<>();
            Map<String, List<SwarmClient>> stayers = new LinkedHashMap<>();
            for (int i = 0; i < CLIENTS; i++) {
                boolean stayer = i < ROOMS * STAYERS_PER_ROOM;
                slots.add(new Slot(stayer, first.get(i)));
                if (stayer) {
                    String home = room(i % ROOMS);
                    stayers.computeIfAbsent(home, r -> new ArrayList<>()).add(first.get(i));
                    first.get(i).enter(home);
                }
            }
            Await.until("every stayer is in its room before the swarm starts",
                    () -> stayers.values().stream().flatMap(List::stream).allMatch(SwarmClient::entriesAnswered),
                    () -> context + "; " + ledger.problems(10));

            for (int round = 0; round < ROUNDS; round++) {
                for (Slot slot : slots) {
                    actions++;
                    if (slot.stayer) {
                        if (random.nextInt(100) < 60) {
                            slot.client.chat();
                        } else {
                            slot.client.move(random.nextFloat() * 100, random.nextFloat() * 100, 0);
                        }
                        continue;
                    }
                    if (!slot.connected()) {
                        if (random.nextInt(100) < 50) {
                            slot.client = swarm.connect(); // a new session: a new player id
                        }
                        continue;
                    }
                    SwarmClient c = slot.client;
                    int dice = random.nextInt(100);
                    if (c.requestedRoom() == null) {
                        if (dice < 80) {
                            c.enter(room(random.nextInt(ROOMS)));
                        } else if (dice < 92) {
                            c.ping(-1);
                        } else {
                            c.quit();
                            slot.client = null;
                            quits++;
                        }
                    } else if (dice < 40) {
                        c.chat();
                    } else if (dice < 65) {
                        c.move(random.nextFloat() * 100, random.nextFloat() * 100, random.nextFloat() * 100);
                    } else if (dice < 78) {
                        c.enter(room(random.nextInt(ROOMS))); // a switch; now and then to the same room
                        switches++;
                    } else if (dice < 83) {
                        // A burst: two switches and a chat in each, at once, so that rooms are
                        // entered while the rooms left still lag.
                        c.enter(room(random.nextInt(ROOMS)));
                        c.chat();
                        c.enter(room(random.nextInt(ROOMS)));
                        c.chat();
                        switches += 2;
                    } else if (dice < 92) {
                        c.leave();
                    } else {
                        c.quit();
                        slot.client = null;
                        quits++;
                    }
                }
                awaitPongs(slots, round, "round " + round, context, ledger);
            }
            long randomPhaseMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            awaitAgreement(server, slots, "after the random phase", context, ledger);

            // An accepted chat was queued for every member by the job that echoed it, so before the
            // S_Pong of a ping sent now: after these pongs every stayer holds every chat accepted
            // in its room, or lost it.
            awaitPongs(slots, -3, "after the agreement", context, ledger);
            for (int i = 0; i < ROOMS; i++) {
                String name = room(i);
                Set<String> accepted = ledger.accepted(name);
                assertTrue(!accepted.isEmpty(), () -> "no chat was accepted in " + name + "; " + context);
                for (SwarmClient stayer : stayers.get(name)) {
                    Set<String> missing = new TreeSet<>(accepted);
                    missing.removeAll(stayer.chatsReceived());
                    assertTrue(missing.isEmpty(), () -> stayer + ", in " + name + " the whole time, lacks "
                            + missing.size() + " of the " + accepted.size() + " chats accepted there, e.g. "
                            + missing.stream().limit(5).toList() + "; " + context);
                }
            }

            // Wind down: everyone in the last two rooms, stayers included, leaves, quits or switches
            // to another room, so that those rooms must cease to exist.
            List<String> emptied = List.of(room(ROOMS - 2), room(ROOMS - 1));
            for (Slot slot : slots) {
                String in = slot.connected() ? slot.client.requestedRoom() : null;
                if (in != null && emptied.contains(in)) {
                    int dice = random.nextInt(3);
                    if (dice == 0) {
                        slot.client.leave();
                    } else if (dice == 1) {
                        slot.client.quit();
                        slot.client = null;
                        quits++;
                    } else {
                        slot.client.enter(room(random.nextInt(ROOMS - 2)));
                        switches++;
                    }
                }
            }
            awaitPongs(slots, -2, "the wind-down", context, ledger);
            awaitAgreement(server, slots, "after the wind-down", context, ledger);
            for (String name : emptied) {
                assertNull(server.rooms().get(name), () -> name + " still exists after its last member left; " + context);
            }
            int accepted = ledger.acceptedCount();
            System.out.printf("swarm: %d actions (%d switches, %d quits), %d chats accepted, random phase %d ms, %s%n",
                    actions, switches, quits, accepted, randomPhaseMillis, context);
        } finally {
            server.close();
        }
        SendBufferManager pool = SendBufferManager.shared();
        assertTrue(Await.condition(10, TimeUnit.SECONDS,
                        () -> pool.outstandingSlices() == 0 && pool.outstandingChunks() == 0),
                () -> "the pool has slices outstanding after the swarm and the server closed: "
                        + pool.outstandingChunks() + " chunks, " + pool.leakReport(5));
    }

    /** Pings every connected client with {@code mark} and waits for every S_Pong: the server has read all they sent. */
    private static void awaitPongs(List<Slot> slots, long mark, String when, String context, SwarmClient.Ledger ledger) {
        List<SwarmClient> live = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.connected()) {
                slot.client.ping(mark);
                live.add(slot.client);
            }
        }
        if (!Await.condition(QUIET_DEADLINE_SECONDS, TimeUnit.SECONDS,
                () -> live.stream().allMatch(c -> c.lastPong() == mark || c.closed()))) {
            fail(when + ": not every client got its S_Pong within " + QUIET_DEADLINE_SECONDS + " s; " + context
                    + "; " + ledger.problems(20));
        }
    }

    /**
     * Waits until the server's rooms and the clients' views agree (see {@link #membershipMismatch}),
     * then fails on anything the clients could not explain, or on a lasting disagreement.
     */
    private static void awaitAgreement(GameServer server, List<Slot> slots, String when, String context,
            SwarmClient.Ledger ledger) {
        List<SwarmClient> live = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.connected()) {
                live.add(slot.client);
            }
        }
        String[] lastMismatch = {"not compared yet"};
        boolean agreed = Await.condition(QUIET_DEADLINE_SECONDS, TimeUnit.SECONDS, () -> {
            lastMismatch[0] = membershipMismatch(server, live);
            return lastMismatch[0] == null || ledger.problemCount() > 0; // a problem stays: fail at once
        });
        assertEquals(0, ledger.problemCount(), () -> when + ", clients had seen what their view cannot explain; "
                + context + "; " + ledger.problems(20));
        assertTrue(agreed, () -> when + ", the server's rooms and the clients' views did not agree within "
                + QUIET_DEADLINE_SECONDS + " s: " + lastMismatch[0] + "; " + context);
    }

    /**
     * Null when the server and the clients agree: every live client got an S_EnterRoom for each
     * C_EnterRoom and an echo of each chat, every room's members are exactly the live clients
     * that asked for it, each of those sees exactly those members, and a room nobody is
     * in does not exist. Otherwise the first disagreement.
     */
    private static String membershipMismatch(GameServer server, List<SwarmClient> live) {
        Map<String, Set<Integer>> expected = new LinkedHashMap<>();
        for (int i = 0; i < ROOMS; i++) {
            expected.put(room(i), new HashSet<>());
        }
        for (SwarmClient c : live) {
            if (!c.entriesAnswered()) {
                return c + " still waits for an S_EnterRoom";
            }
            if (c.unechoedChats() != 0) {
                return c + " still waits for the echo of " + c.unechoedChats() + " of its chats";
            }
            String room = c.requestedRoom();
            if (room != null && !c.closed()) {
                expected.get(room).add(c.playerId());
            }
        }
        for (Map.Entry<String, Set<Integer>> e : expected.entrySet()) {
            String name = e.getKey();
            Set<Integer> members = serverMembers(server, name);
            if (!members.equals(e.getValue())) {
                return "server's " + name + " holds " + new TreeSet<>(members) + ", the clients in it are "
                        + new TreeSet<>(e.getValue());
            }
            if (members.isEmpty() && server.rooms().get(name) != null) {
                return name + " has no members but still exists";
            }
        }
        for (SwarmClient c : live) {
            String room = c.requestedRoom();
            if (room == null || c.closed()) {
                continue;
            }
            if (!room.equals(c.viewRoom())) {
                return c + " asked for " + room + " but its last S_EnterRoom was for " + c.viewRoom();
            }
            Set<Integer> view = c.viewWithSelf();
            if (!view.equals(expected.get(room))) {
                return c + " sees " + new TreeSet<>(view) + " in " + room + ", the server holds "
                        + new TreeSet<>(expected.get(room));
            }
        }
        return null;
    }

    /** The player ids in the server's room {@code name}, read by a job on the room's own queue. */
    private static Set<Integer> serverMembers(GameServer server, String name) {
        GameRoom room = server.rooms().get(name);
        if (room == null) {
            return Set.of();
        }
        CompletableFuture<List<Integer>> ids = new CompletableFuture<>();
        room.run(() -> ids.complete(room.memberIdsInJob()));
        try {
            return new HashSet<>(ids.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("room " + name + " did not run a job within 10 s", e);
        }
    }

    /**
     * A room switch with the old room's queue behind: a sender chats in room A, then both it
     * and a receiver switch to room B and the sender chats again. The receiver must get the
     * sender's chats in the order sent, and whatever room A still owed it before the
     * S_EnterRoom of B (the only way a client can tell the two rooms' packets apart).
     */
    @Test
    @Timeout(30)
    void aRoomSwitchDeliversTheOldRoomsBacklogBeforeTheNewRoomsTraffic() throws Exception {
        try (GameServer server = TestServers.start(rateLimitOff());
                GameClient sender = new GameClient(server.address());
                GameClient receiver = new GameClient(server.address())) {
            sender.enter("A", "sender");
            receiver.enter("A", "receiver");
            sender.expect(S_BroadcastEnter.class);
            List<Packet> got = new ArrayList<>();
            RoomHold hold = new RoomHold(server.rooms().get("A"));
            try {
                sendAndAwaitPong(sender, new C_Chat("1"));                 // queued in A
                got.addAll(sendAndAwaitPong(receiver, new C_EnterRoom("B", "receiver")));
                sendAndAwaitPong(sender, new C_EnterRoom("B", "sender"), new C_Chat("2"));
            } finally {
                hold.release();
            }
            got.addAll(settle(server, receiver, "A", "B"));

            List<String> chats = new ArrayList<>();
            int enterB = -1;
            int chat1 = -1;
            for (int i = 0; i < got.size(); i++) {
                if (got.get(i) instanceof S_Chat chat) {
                    chats.add(chat.chat);
                    if (chat.chat.equals("1")) {
                        chat1 = i;
                    }
                } else if (got.get(i) instanceof S_EnterRoom enter && enter.room.equals("B")) {
                    enterB = i;
                }
            }
            // Chat "1" was queued in A before the receiver's leave, so A owes it to the receiver, and
            // B may activate the receiver only once A processed that leave.
            assertEquals(List.of("1", "2"), chats, "the sender's chats as the receiver got them (docs/protocol.md"
                    + " section 4, Order); everything the receiver got: " + got);
            assertTrue(enterB >= 0, "no S_EnterRoom(B) for the receiver: " + got);
            assertTrue(chat1 < enterB, "room A's chat '1' reached the receiver after its S_EnterRoom(B), so the"
                    + " receiver must take it for a chat of B: " + got);
        }
    }

    /**
     * Switching on while the old room lags: a client in room A, whose queue is held, enters B,
     * chats, enters C and chats. Each C_EnterRoom is an entry (docs/protocol.md section 4: the session leaves
     * B as with C_LeaveRoom, then enters C), so it gets S_EnterRoom(B), its chat in B, then
     * S_EnterRoom(C) and its chat in C; none of it may be lost for waiting on room A.
     */
    @Test
    @Timeout(30)
    void switchingTwiceWhileTheOldRoomLagsAnswersEveryEnterAndEchoesEveryChat() throws Exception {
        try (GameServer server = TestServers.start(rateLimitOff());
                GameClient client = new GameClient(server.address())) {
            client.enter("A", "hopper");
            List<Packet> got = new ArrayList<>();
            RoomHold hold = new RoomHold(server.rooms().get("A"));
            try {
                got.addAll(sendAndAwaitPong(client, new C_EnterRoom("B", "hopper"), new C_Chat("in B"),
                        new C_EnterRoom("C", "hopper"), new C_Chat("in C")));
            } finally {
                hold.release();
            }
            got.addAll(settle(server, client, "A", "B", "C"));
            List<String> seen = new ArrayList<>();
            for (Packet p : got) {
                seen.add(p instanceof S_EnterRoom e ? "S_EnterRoom(" + e.room + ")"
                        : p instanceof S_Chat c ? "S_Chat(" + c.chat + ")" : p.toString());
            }
            assertEquals(List.of("S_EnterRoom(B)", "S_Chat(in B)", "S_EnterRoom(C)", "S_Chat(in C)"), seen,
                    "what the client got for C_EnterRoom(B), C_Chat, C_EnterRoom(C), C_Chat while room A lagged");
        }
    }

    /**
     * Lets the named rooms finish what they were pushed (twice over, as one room's job may push
     * onto another), then pings: returns what {@code client} got before the S_Pong.
     */
    private static List<Packet> settle(GameServer server, GameClient client, String... rooms) throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            for (String name : rooms) {
                GameRoom room = server.rooms().get(name);
                if (room != null) {
                    drain(room);
                }
            }
        }
        return sendAndAwaitPong(client);
    }

    /** Sends {@code packets} and a C_Ping; returns what arrived before its S_Pong. */
    private static List<Packet> sendAndAwaitPong(GameClient client, Packet... packets) throws Exception {
        for (Packet p : packets) {
            client.send(p);
        }
        long mark = System.nanoTime();
        client.send(new C_Ping(mark));
        List<Packet> got = new ArrayList<>();
        for (Packet p = client.next(); !(p instanceof S_Pong pong && pong.time == mark); p = client.next()) {
            got.add(p);
        }
        return got;
    }

    /** Returns once every job pushed onto {@code room} so far has run. */
    private static void drain(GameRoom room) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        room.run(() -> done.complete(null));
        done.get(10, TimeUnit.SECONDS);
    }
}
