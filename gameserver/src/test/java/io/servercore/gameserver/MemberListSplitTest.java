package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.packet.Packet;
import io.servercore.packet.PacketHeader;
import io.servercore.testing.Await;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/protocol.md section 4, C_EnterRoom: a member list that does not fit in one frame is split over
 * several S_EnterRoom frames, which the client joins. With 1,400 members of 32-byte names
 * (50 bytes an entry: 70,000 bytes of list, past the 65,535-byte frame) the joiner gets
 * several S_EnterRoom frames, each a valid frame carrying its own player id and the room, and
 * each but the last split only because the next member would not have fit; joined, they list
 * every other member exactly once with its name; and nothing else reaches the joiner before the
 * last of them, nor another S_EnterRoom after it.
 *
 * <p>The names are 32 bytes of UTF-8 but 16 characters (8 Hangul syllables of 3 bytes each),
 * so a server that sized entries by characters instead of bytes would overflow the frame.
 */
class MemberListSplitTest {
    private static final int MEMBERS = 1_400;
    private static final String ROOM = "big-room";

    /** 32 bytes of UTF-8 in 16 characters, unique per {@code n}. */
    static String memberName(int n) {
        String name = String.format("m%04d-", n) + "가나다라마바사아" + "xy";
        if (name.getBytes(StandardCharsets.UTF_8).length != GameHandler.MAX_NAME_BYTES) {
            throw new IllegalStateException("name '" + name + "' is not " + GameHandler.MAX_NAME_BYTES + " bytes");
        }
        return name;
    }

    @Test
    @Timeout(90)
    void aMemberListLargerThanOneFrameArrivesSplitOverSeveralEnterRoomFramesThatJoinToEveryMember()
            throws Exception {
        GameServerConfig config = new GameServerConfig("127.0.0.1", 0, 2, 10_000, 4096, 1_500, 1024, 0, 0,
                4L << 20, 60_000, 0);
        long started = System.nanoTime();
        GameServer server = TestServers.start(config);
        try (Swarm swarm = new Swarm(server.address(), 2, MemberListSplitTest::memberName)) {
            List<SwarmClient> members = swarm.connect(MEMBERS);
            for (SwarmClient member : members) {
                member.enter(ROOM);
            }
            boolean full = Await.condition(40, TimeUnit.SECONDS,
                    () -> members.stream().allMatch(SwarmClient::entriesAnswered) && memberCount(server) == MEMBERS);
            assertTrue(full, () -> "after 40 s, " + members.stream().filter(SwarmClient::entriesAnswered).count()
                    + " of " + MEMBERS + " members got their S_EnterRoom and the server's room holds "
                    + memberCount(server) + "; " + swarm.ledger.problems(10));
            Map<Integer, String> expected = new HashMap<>();
            for (SwarmClient member : members) {
                expected.put(member.playerId(), memberName(Integer.parseInt(member.key().substring(1))));
            }
            long filled = System.nanoTime();

            try (GameClient joiner = new GameClient(server.address())) {
                joiner.send(new C_EnterRoom(ROOM, "joiner"));
                List<Integer> frameSizes = new ArrayList<>();
                Map<Integer, String> listed = new HashMap<>();
                List<S_EnterRoom> parts = new ArrayList<>();
                int joinerId = -1;
                while (listed.size() < MEMBERS) {
                    byte[] frame = joiner.raw().readFrame();
                    int id = (frame[2] & 0xFF) | (frame[3] & 0xFF) << 8;
                    if (id != S_EnterRoom.ID) {
                        fail("packet id " + id + " arrived after " + frameSizes.size() + " S_EnterRoom frames listing "
                                + listed.size() + " of " + MEMBERS + " members; the list must come first");
                    }
                    frameSizes.add(frame.length);
                    S_EnterRoom part = S_EnterRoom.read(ByteBuffer.wrap(frame, 4, frame.length - 4).slice()
                            .order(ByteOrder.LITTLE_ENDIAN));
                    parts.add(part);
                    if (joinerId < 0) {
                        joinerId = part.playerId;
                    }
                    assertEquals(joinerId, part.playerId, "S_EnterRoom frame " + frameSizes.size()
                            + " carries another player id than the frames before it");
                    assertEquals(ROOM, part.room, "S_EnterRoom frame " + frameSizes.size() + " names another room");
                    assertTrue(!part.player.isEmpty(), "S_EnterRoom frame " + frameSizes.size()
                            + " lists nobody; frame sizes so far " + frameSizes);
                    for (S_EnterRoom.Player p : part.player) {
                        String before = listed.put(p.playerId, p.name);
                        if (before != null) {
                            fail("player " + p.playerId + " is listed twice (frame sizes " + frameSizes + ")");
                        }
                    }
                }
                assertTrue(frameSizes.size() >= 2, "a list of " + MEMBERS + " 50-byte entries came in one frame of "
                        + frameSizes + " bytes");
                // Split only where the list does not fit: the next frame's first member would have
                // taken each frame but the last past the 65,535 bytes a u16 size can say.
                for (int i = 0; i + 1 < parts.size(); i++) {
                    int next = entryBytes(parts.get(i + 1).player.get(0));
                    assertTrue(frameSizes.get(i) + next > PacketHeader.MAX_FRAME_SIZE, "S_EnterRoom frame " + i + " of "
                            + frameSizes.get(i) + " bytes had room for the next member's " + next + " bytes; frame sizes "
                            + frameSizes);
                }
                assertEquals(expected, listed, "the joined S_EnterRoom frames do not list exactly the other members");
                assertTrue(!listed.containsKey(joinerId), "the joiner is listed among the others");

                // Nothing else was queued behind the list: the next frame is the answer to a ping.
                joiner.send(new C_Ping(7));
                Packet next = joiner.next();
                assertTrue(next instanceof S_Pong pong && pong.time == 7,
                        "after the member list, expected S_Pong(7), got " + next);

                System.out.printf("member list split: %d members in %d frames %s; room filled in %d ms, total %d ms%n",
                        MEMBERS, frameSizes.size(), frameSizes, TimeUnit.NANOSECONDS.toMillis(filled - started),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
            assertEquals(0, swarm.ledger.problemCount(), () -> swarm.ledger.problems(20));
        } finally {
            server.close();
        }
    }

    /** The bytes one member takes in S_EnterRoom's list (docs/protocol.md sections 2 and 3): id, name, x, y, z. */
    private static int entryBytes(S_EnterRoom.Player player) {
        return 4 + 2 + player.name.getBytes(StandardCharsets.UTF_8).length + 3 * 4;
    }

    /** The members of the server's room, counted on the room's own job queue; 0 when it does not exist. */
    private static int memberCount(GameServer server) {
        GameRoom room = server.rooms().get(ROOM);
        if (room == null) {
            return 0;
        }
        CompletableFuture<Integer> count = new CompletableFuture<>();
        room.run(() -> count.complete(room.memberIdsInJob().size()));
        try {
            return count.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(ROOM + " did not run a job within 10 s", e);
        }
    }
}
