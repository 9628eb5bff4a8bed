package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.C_LeaveRoom;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.gameserver.protocol.S_Error;
import io.servercore.packet.Packet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The room capacity is cluster-wide: two nodes started with {@code --room-capacity 2} never let
 * a room hold a third member between them, also when both admit the last place at once.
 */
@org.junit.jupiter.api.extension.ExtendWith(NatsServerCondition.class)
@Timeout(90)
class ClusterCapacityTest {
    private static NatsServer nats;
    private static NodeProcess a;
    private static NodeProcess b;

    @BeforeAll
    static void startCluster() throws Exception {
        nats = NatsServer.start("capacity");
        a = NodeProcess.start(nats.url(), "a", "--room-capacity", "2");
        b = NodeProcess.start(nats.url(), "b", "--room-capacity", "2");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        Cluster.closeAll(b, a, nats);
    }

    @Test
    void aRoomFullAcrossNodesAnswersRoomFullOnEveryNodeUntilAPlaceIsFree() throws Exception {
        try (GameClient alice = a.client(); GameClient bob = b.client(); GameClient carol = a.client();
             GameClient dave = b.client()) {
            alice.enter("full", "alice");
            int bo = bob.enter("full", "bob").playerId;
            assertEquals(bo, alice.expect(S_BroadcastEnter.class).playerId);
            carol.send(new C_EnterRoom("full", "carol"));
            carol.expectError(ErrorCode.ROOM_FULL);
            dave.send(new C_EnterRoom("full", "dave"));
            dave.expectError(ErrorCode.ROOM_FULL);
            dave.send(new C_Chat("am I in?"));
            dave.expectError(ErrorCode.NOT_IN_ROOM);

            bob.send(new C_LeaveRoom());
            assertEquals(bo, alice.expect(S_BroadcastLeave.class).playerId);
            // The place bob gave back on node b is free for node a once b wrote it.
            S_EnterRoom in = enterWhenFree(carol, "full", "carol");
            assertEquals(1, in.player.size(), in.toString());
            assertEquals(in.playerId, alice.expect(S_BroadcastEnter.class).playerId);
        }
    }

    @Test
    void whenTwoNodesAdmitTheLastPlaceAtOnceExactlyOneWins() throws Exception {
        for (int round = 0; round < 40; round++) {
            String room = "race-" + round;
            try (GameClient first = (round % 2 == 0 ? a : b).client(); GameClient onA = a.client();
                 GameClient onB = b.client()) {
                first.enter(room, "first");
                byte[] enterA = GameClient.bytes(new C_EnterRoom(room, "x"));
                byte[] enterB = GameClient.bytes(new C_EnterRoom(room, "y"));
                onA.raw().write(enterA);
                onB.raw().write(enterB);
                Packet answerA = onA.next();
                Packet answerB = onB.next();
                int wins = (answerA instanceof S_EnterRoom ? 1 : 0) + (answerB instanceof S_EnterRoom ? 1 : 0);
                assertEquals(1, wins, "round " + round + ": " + answerA + " / " + answerB);
                Packet lost = answerA instanceof S_EnterRoom ? answerB : answerA;
                assertEquals(ErrorCode.ROOM_FULL.code, ((S_Error) lost).code, "round " + round + ": " + lost);
                assertEquals(S_BroadcastEnter.class, first.next().getClass(), "the winner is announced");
            }
        }
    }

    /** Enters, retrying while the cluster still counts a place that was just given back. */
    private static S_EnterRoom enterWhenFree(GameClient c, String room, String name) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (;;) {
            c.send(new C_EnterRoom(room, name));
            Packet p = c.next();
            if (p instanceof S_EnterRoom in) {
                return in;
            }
            assertEquals(ErrorCode.ROOM_FULL.code, ((S_Error) p).code, p.toString());
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the freed place never became free: " + p);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }
}
