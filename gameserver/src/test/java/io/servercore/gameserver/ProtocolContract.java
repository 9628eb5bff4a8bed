package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.C_LeaveRoom;
import io.servercore.gameserver.protocol.C_Move;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_BroadcastMove;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.testing.Await;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/protocol.md section 4, behaviour by behaviour, through a real socket: the contract every
 * server of the protocol passes. {@link GameServerProtocolTest} runs it against gameserver; the
 * benchmarks module runs it against the Netty reference server, so that the two servers it
 * compares speak the same protocol.
 */
@Timeout(30)
public abstract class ProtocolContract {
    /** A running server of the protocol. */
    public interface ServerUnderTest extends AutoCloseable {
        InetSocketAddress address();

        /** Rooms that exist now. */
        int roomCount();

        @Override
        void close();
    }

    protected ServerUnderTest server;

    /** Starts the server under test on 127.0.0.1 with a free port and these settings. */
    protected abstract ServerUnderTest start(GameServerConfig config) throws Exception;

    /** The protocol's defaults with the rate limit off or on as given. */
    protected static GameServerConfig config(int roomCapacity, int packetRate, int packetBurst) {
        GameServerConfig base = TestServers.config();
        return new GameServerConfig(base.host(), 0, 2, 100, 4096, roomCapacity, 1024, packetRate, packetBurst,
                4L << 20, 60_000, 0);
    }

    @BeforeEach
    void startDefault() throws Exception {
        server = start(TestServers.config());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void restart(GameServerConfig config) throws Exception {
        server.close();
        server = start(config);
    }

    private GameClient client() throws Exception {
        return new GameClient(server.address());
    }

    @Test
    void pingIsAnsweredAtOnceInARoomOrNotAndIsTheFirstThingSent() throws Exception {
        try (GameClient c = client()) {
            c.send(new C_Ping(-42L));
            assertEquals(-42L, c.expect(S_Pong.class).time, "nothing comes before the answer");
            c.enter("lobby", "alice");
            c.send(new C_Ping(Long.MAX_VALUE));
            assertEquals(Long.MAX_VALUE, c.expect(S_Pong.class).time);
        }
    }

    @Test
    void enteringGivesTheJoinerItsIdAndTheOthersAndTellsTheOthers() throws Exception {
        try (GameClient alice = client(); GameClient bob = client()) {
            S_EnterRoom aliceIn = alice.enter("lobby", "alice");
            assertTrue(aliceIn.playerId > 0);
            assertEquals("lobby", aliceIn.room);
            assertEquals(List.of(), aliceIn.player, "an empty room lists nobody");

            S_EnterRoom bobIn = bob.enter("lobby", "bob");
            assertTrue(bobIn.playerId > 0);
            assertNotEquals(aliceIn.playerId, bobIn.playerId);
            assertEquals(List.of(new S_EnterRoom.Player(aliceIn.playerId, "alice", 0f, 0f, 0f)), bobIn.player);
            assertEquals(new S_BroadcastEnter(bobIn.playerId, "bob", 0f, 0f, 0f), alice.expect(S_BroadcastEnter.class));
        }
    }

    @Test
    void playerIdsAreUniqueAcrossConnections() throws Exception {
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            try (GameClient c = client()) {
                assertTrue(ids.add(c.enter("r", "p" + i).playerId), "player id reused");
            }
        }
    }

    @ParameterizedTest(name = "name=\"{0}\"")
    @ValueSource(strings = {"", "012345678901234567890123456789012", "tab\there", "new\nline", "del\u007f",
        "\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C"})
    void aBadRoomOrNameIsInvalidArgumentAndKeepsTheSession(String bad) throws Exception {
        try (GameClient c = client()) {
            c.send(new C_EnterRoom("lobby", bad));
            c.expectError(ErrorCode.INVALID_ARGUMENT);
            c.send(new C_EnterRoom(bad, "alice"));
            c.expectError(ErrorCode.INVALID_ARGUMENT);
            // 32 bytes of multi-byte UTF-8 and 32 ASCII bytes are fine.
            assertEquals("lobby", c.enter("lobby", "\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C\uD55C\uD55Cab").room);
            assertEquals("01234567890123456789012345678901", c.enter("01234567890123456789012345678901", "x").room);
        }
    }

    @Test
    void enteringAnotherRoomLeavesTheFirst() throws Exception {
        try (GameClient alice = client(); GameClient bob = client()) {
            int a = alice.enter("one", "alice").playerId;
            bob.enter("one", "bob");
            alice.expect(S_BroadcastEnter.class);
            S_EnterRoom moved = alice.enter("two", "alice");
            assertEquals("two", moved.room);
            assertEquals(List.of(), moved.player);
            assertEquals(a, bob.expect(S_BroadcastLeave.class).playerId);
        }
    }

    @Test
    void aFullRoomAnswersRoomFull() throws Exception {
        restart(config(2, 200, 400));
        try (GameClient a = client(); GameClient b = client(); GameClient c = client()) {
            a.enter("small", "a");
            b.enter("small", "b");
            c.send(new C_EnterRoom("small", "c"));
            c.expectError(ErrorCode.ROOM_FULL);
            c.send(new C_Chat("am I in?"));
            c.expectError(ErrorCode.NOT_IN_ROOM);
            assertEquals("elsewhere", c.enter("elsewhere", "c").room, "the refused session can go elsewhere");
        }
    }

    @Test
    void leavingTellsTheRestAndLeavingNowhereIsNotInRoom() throws Exception {
        try (GameClient alice = client(); GameClient bob = client()) {
            alice.send(new C_LeaveRoom());
            alice.expectError(ErrorCode.NOT_IN_ROOM);
            alice.enter("lobby", "alice");
            int b = bob.enter("lobby", "bob").playerId;
            alice.expect(S_BroadcastEnter.class);
            bob.send(new C_LeaveRoom());
            assertEquals(b, alice.expect(S_BroadcastLeave.class).playerId);
            bob.send(new C_LeaveRoom());
            bob.expectError(ErrorCode.NOT_IN_ROOM);
        }
    }

    @Test
    void aChatReachesEveryMemberTheSenderIncludedInTheOrderAccepted() throws Exception {
        try (GameClient alice = client(); GameClient bob = client()) {
            int a = alice.enter("lobby", "alice").playerId;
            bob.enter("lobby", "bob");
            alice.expect(S_BroadcastEnter.class);
            for (int i = 0; i < 50; i++) {
                alice.send(new C_Chat("hello " + i));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(new S_Chat(a, "hello " + i), alice.expect(S_Chat.class));
                assertEquals(new S_Chat(a, "hello " + i), bob.expect(S_Chat.class));
            }
        }
    }

    @Test
    void aChatOutsideARoomOrOverTheLimitIsRefused() throws Exception {
        try (GameClient c = client()) {
            c.send(new C_Chat("anyone?"));
            c.expectError(ErrorCode.NOT_IN_ROOM);
            int me = c.enter("lobby", "c").playerId;
            c.send(new C_Chat("x".repeat(1025)));
            c.expectError(ErrorCode.INVALID_ARGUMENT);
            // 1,024 bytes exactly, in 3-byte characters plus one ASCII byte.
            String limit = "\uD55C".repeat(341) + "x";
            c.send(new C_Chat(limit));
            assertEquals(new S_Chat(me, limit), c.expect(S_Chat.class));
            c.send(new C_Chat(limit + "y"));
            c.expectError(ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Test
    void aMoveIsStoredAndBroadcastToEveryMember() throws Exception {
        try (GameClient alice = client(); GameClient bob = client(); GameClient carol = client()) {
            alice.send(new C_Move(1f, 2f, 3f));
            alice.expectError(ErrorCode.NOT_IN_ROOM);
            int a = alice.enter("lobby", "alice").playerId;
            bob.enter("lobby", "bob");
            alice.expect(S_BroadcastEnter.class);
            alice.send(new C_Move(1.5f, -2f, 3.25f));
            assertEquals(new S_BroadcastMove(a, 1.5f, -2f, 3.25f), alice.expect(S_BroadcastMove.class));
            assertEquals(new S_BroadcastMove(a, 1.5f, -2f, 3.25f), bob.expect(S_BroadcastMove.class));
            S_EnterRoom carolIn = carol.enter("lobby", "carol");
            assertTrue(carolIn.player.contains(new S_EnterRoom.Player(a, "alice", 1.5f, -2f, 3.25f)), carolIn.toString());
        }
    }

    @Test
    void aNonFinitePositionIsInvalidArgument() throws Exception {
        try (GameClient c = client()) {
            c.enter("lobby", "c");
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                c.send(new C_Move(0f, bad, 0f));
                c.expectError(ErrorCode.INVALID_ARGUMENT);
            }
        }
    }

    @Test
    void aDisconnectingMemberLeavesItsRoomAndAnEmptyRoomStopsExisting() throws Exception {
        try (GameClient alice = client()) {
            alice.enter("lobby", "alice");
            int b;
            try (GameClient bob = client()) {
                b = bob.enter("lobby", "bob").playerId;
                alice.expect(S_BroadcastEnter.class);
            }
            assertEquals(b, alice.expect(S_BroadcastLeave.class).playerId);
            assertEquals(1, server.roomCount());
        }
        Await.until("the empty room is gone", () -> server.roomCount() == 0, () -> server.roomCount());
    }

    @Test
    void aJoinerSeesAChatSentTheMomentItsEnterArrives() throws Exception {
        try (GameClient alice = client(); GameClient bob = client()) {
            int a = alice.enter("lobby", "alice").playerId;
            int b = bob.enter("lobby", "bob").playerId;
            bob.send(new C_Chat("first words"));
            assertEquals(new S_BroadcastEnter(b, "bob", 0f, 0f, 0f), alice.expect(S_BroadcastEnter.class));
            assertEquals(new S_Chat(b, "first words"), alice.expect(S_Chat.class));
            assertEquals(new S_Chat(b, "first words"), bob.expect(S_Chat.class));
            assertTrue(a != b);
        }
    }

    @Test
    void aFastSenderIsRateLimitedWithThePacketDroppedAndTheSessionKept() throws Exception {
        restart(config(1000, 5, 10));
        try (GameClient c = client()) {
            byte[] burst = new byte[0];
            for (int i = 0; i < 40; i++) {
                burst = io.servercore.testing.Frames.concat(burst, GameClient.bytes(new C_Ping(i)));
            }
            long start = System.nanoTime();
            c.raw().write(burst);
            int pongs = 0;
            int limited = 0;
            long last = -1;
            for (int i = 0; i < 40; i++) {
                io.servercore.packet.Packet p = c.next();
                if (p instanceof S_Pong) {
                    assertTrue(((S_Pong) p).time > last, "pongs keep their order");
                    last = ((S_Pong) p).time;
                    pongs++;
                } else {
                    assertEquals(ErrorCode.RATE_LIMITED.code, ((io.servercore.gameserver.protocol.S_Error) p).code);
                    limited++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(pongs >= 10, "the burst is served: pongs=" + pongs);
            assertTrue(pongs <= 10 + Math.ceil(seconds * 5) + 1, "no more than burst + rate: pongs=" + pongs);
            assertEquals(40, pongs + limited);
        }
    }
}
