package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.gameserver.protocol.S_Error;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.packet.Packet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A room's capacity (docs/protocol.md section 4: a full room answers S_Error(4)) through real sockets:
 * entries racing for the last places admit exactly the capacity; a member switching to another
 * room frees its place; and one switching in, still waiting for the room it left, already holds
 * its place, so a newcomer meanwhile is turned away.
 */
@Timeout(60)
class RoomCapacityTest {
    private static final int CAPACITY = 5;

    private static GameServer start() throws Exception {
        GameServerConfig base = TestServers.config();
        return TestServers.start(new GameServerConfig(base.host(), 0, 2, 1000, 4096, CAPACITY, 1024, 0, 0,
                4L << 20, 60_000, 0));
    }

    @Test
    void entriesRacingForAFullRoomAdmitExactlyItsCapacity() throws Exception {
        int clients = 4 * CAPACITY;
        try (GameServer server = start()) {
            List<GameClient> all = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    all.add(new GameClient(server.address()));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Packet>> answers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    GameClient client = all.get(i);
                    String name = "p" + i;
                    CompletableFuture<Packet> answer = new CompletableFuture<>();
                    answers.add(answer);
                    Thread entrant = new Thread(() -> {
                        try {
                            go.await();
                            client.send(new C_EnterRoom("arena", name));
                            answer.complete(client.next()); // a member's first packet is its S_EnterRoom
                        } catch (Throwable t) {
                            answer.completeExceptionally(t);
                        }
                    }, "entrant-" + i);
                    entrant.start();
                }
                go.countDown();
                List<GameClient> admitted = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    Packet answer = answers.get(i).get(20, TimeUnit.SECONDS);
                    if (answer instanceof S_EnterRoom) {
                        admitted.add(all.get(i));
                    } else {
                        assertTrue(answer instanceof S_Error error && error.code == ErrorCode.ROOM_FULL.code,
                                "client " + i + " got " + answer);
                    }
                }
                assertEquals(CAPACITY, admitted.size(), "admitted to a room of " + CAPACITY);
                assertEquals(CAPACITY, members(server, "arena").size());

                // A place freed is a place taken: one member leaves, one of the turned away enters.
                GameClient leaving = admitted.get(0);
                leaving.close();
                GameClient turnedAway = all.stream().filter(c -> !admitted.contains(c)).findFirst().orElseThrow();
                awaitMembers(server, "arena", CAPACITY - 1);
                turnedAway.send(new C_EnterRoom("arena", "late"));
                assertEquals(CAPACITY - 1, turnedAway.expect(S_EnterRoom.class).player.size());
            } finally {
                for (GameClient c : all) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aMemberSwitchingToAnotherRoomFreesItsPlace() throws Exception {
        try (GameServer server = start()) {
            List<GameClient> members = new ArrayList<>();
            try (GameClient newcomer = new GameClient(server.address())) {
                for (int i = 0; i < CAPACITY; i++) {
                    GameClient member = new GameClient(server.address());
                    members.add(member);
                    member.enter("A", "m" + i);
                }
                newcomer.send(new C_EnterRoom("A", "newcomer"));
                newcomer.expectError(ErrorCode.ROOM_FULL);

                GameClient switcher = members.get(0);
                switcher.send(new C_EnterRoom("B", "m0"));
                assertEquals("B", expectEnter(switcher).room);
                newcomer.send(new C_EnterRoom("A", "newcomer"));
                S_EnterRoom entered = newcomer.expect(S_EnterRoom.class);
                assertEquals(CAPACITY - 1, entered.player.size(), "the newcomer finds the others, not the switcher");
            } finally {
                for (GameClient c : members) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aMemberSwitchingInHoldsItsPlaceWhileTheRoomItLeftLags() throws Exception {
        try (GameServer server = start();
             GameClient switcher = new GameClient(server.address());
             GameClient newcomer = new GameClient(server.address())) {
            List<GameClient> members = new ArrayList<>();
            try {
                for (int i = 0; i < CAPACITY - 1; i++) {
                    GameClient member = new GameClient(server.address());
                    members.add(member);
                    member.enter("B", "b" + i);
                }
                switcher.enter("A", "switcher");
                RoomHold hold = new RoomHold(server.rooms().get("A"));
                try {
                    // Pending in B until A processes its leave: no S_EnterRoom yet, but the place is taken.
                    switcher.send(new C_EnterRoom("B", "switcher"));
                    switcher.send(new C_Ping(1));
                    assertEquals(1, switcher.expect(S_Pong.class).time, "nothing for the switcher while A lags");
                    newcomer.send(new C_EnterRoom("B", "newcomer"));
                    newcomer.expectError(ErrorCode.ROOM_FULL);
                } finally {
                    hold.release();
                }
                S_EnterRoom entered = switcher.expect(S_EnterRoom.class);
                assertEquals("B", entered.room);
                assertEquals(CAPACITY - 1, entered.player.size());
                for (GameClient member : members) {
                    // Members that entered later came first; then the switcher.
                    int seen;
                    do {
                        seen = member.expect(S_BroadcastEnter.class).playerId;
                    } while (seen != entered.playerId);
                }
                assertEquals(CAPACITY, members(server, "B").size());
            } finally {
                for (GameClient c : members) {
                    c.close();
                }
            }
        }
    }

    /** The S_EnterRoom among what arrives next, skipping what the room left was still sending. */
    private static S_EnterRoom expectEnter(GameClient client) throws Exception {
        for (;;) {
            Packet p = client.next();
            if (p instanceof S_EnterRoom enter) {
                return enter;
            }
            assertTrue(p instanceof S_BroadcastEnter || p instanceof io.servercore.gameserver.protocol.S_BroadcastLeave,
                    "expected S_EnterRoom, got " + p);
        }
    }

    private static void awaitMembers(GameServer server, String room, int count) {
        io.servercore.testing.Await.until(room + " holds " + count, () -> members(server, room).size() == count,
                () -> members(server, room));
    }

    /** The active members of the server's room, read on its own queue. */
    private static Set<Integer> members(GameServer server, String name) {
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
}
