package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_LeaveRoom;
import io.servercore.gameserver.protocol.C_Move;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_BroadcastMove;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.packet.Packet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/protocol.md section 4 for members on different nodes: a real nats-server and two gameserver
 * nodes in their own processes; clients of one room connect to both. Each test uses rooms of
 * its own, so they share the cluster.
 */
@org.junit.jupiter.api.extension.ExtendWith(NatsServerCondition.class)
@Timeout(60)
class ClusterRoomTest {
    private static NatsServer nats;
    private static NodeProcess a;
    private static NodeProcess b;

    @BeforeAll
    static void startCluster() throws Exception {
        nats = NatsServer.start("rooms");
        a = NodeProcess.start(nats.url(), "a");
        b = NodeProcess.start(nats.url(), "b");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        Cluster.closeAll(b, a, nats);
    }

    @Test
    void aJoinersMemberListHasEveryMemberOfEveryNodeWithNameAndPosition() throws Exception {
        try (GameClient alice = a.client(); GameClient bob = b.client(); GameClient carol = a.client()) {
            int al = alice.enter("list", "alice").playerId;
            alice.send(new C_Move(1f, 2f, 3f));
            alice.expect(S_BroadcastMove.class);
            int bo = bob.enter("list", "bob").playerId;
            assertEquals(new S_BroadcastEnter(bo, "bob", 0f, 0f, 0f), alice.expect(S_BroadcastEnter.class));
            bob.send(new C_Move(-4f, 5.5f, 6f));
            assertEquals(new S_BroadcastMove(bo, -4f, 5.5f, 6f), bob.expect(S_BroadcastMove.class));
            assertEquals(new S_BroadcastMove(bo, -4f, 5.5f, 6f), alice.expect(S_BroadcastMove.class));

            S_EnterRoom carolIn = carol.enter("list", "carol");
            assertEquals(Set.of(new S_EnterRoom.Player(al, "alice", 1f, 2f, 3f),
                    new S_EnterRoom.Player(bo, "bob", -4f, 5.5f, 6f)), new HashSet<>(carolIn.player));
            assertEquals(carolIn.playerId, bob.expect(S_BroadcastEnter.class).playerId);
            assertEquals(carolIn.playerId, alice.expect(S_BroadcastEnter.class).playerId);
        }
    }

    @Test
    void enterChatMoveAndLeaveReachMembersOnEveryNode() throws Exception {
        GameClient dave = b.client();
        try (GameClient alice = a.client(); GameClient bob = b.client()) {
            int al = alice.enter("events", "alice").playerId;
            int bo = bob.enter("events", "bob").playerId;
            alice.expect(S_BroadcastEnter.class);
            int da = dave.enter("events", "dave").playerId;
            assertEquals(da, alice.expect(S_BroadcastEnter.class).playerId);
            assertEquals(da, bob.expect(S_BroadcastEnter.class).playerId);

            alice.send(new C_Chat("from a"));
            for (GameClient c : List.of(alice, bob, dave)) {
                assertEquals(new S_Chat(al, "from a"), c.expect(S_Chat.class));
            }
            bob.send(new C_Chat("from b"));
            for (GameClient c : List.of(alice, bob, dave)) {
                assertEquals(new S_Chat(bo, "from b"), c.expect(S_Chat.class));
            }
            dave.send(new C_Move(7f, 8f, 9f));
            for (GameClient c : List.of(alice, bob, dave)) {
                assertEquals(new S_BroadcastMove(da, 7f, 8f, 9f), c.expect(S_BroadcastMove.class));
            }
            bob.send(new C_LeaveRoom());
            assertEquals(bo, alice.expect(S_BroadcastLeave.class).playerId);
            assertEquals(bo, dave.expect(S_BroadcastLeave.class).playerId);
            dave.close();
            assertEquals(da, alice.expect(S_BroadcastLeave.class).playerId, "a disconnect is a leave on every node");

            try (GameClient erin = b.client()) {
                S_EnterRoom erinIn = erin.enter("events", "erin");
                assertEquals(List.of(new S_EnterRoom.Player(al, "alice", 0f, 0f, 0f)), erinIn.player,
                        "who left is gone from later member lists");
            }
        } finally {
            dave.close();
        }
    }

    @Test
    void eachSendersChatsReachEveryReceiverOnEveryNodeInTheOrderSent() throws Exception {
        int chats = 300;
        List<GameClient> clients = new ArrayList<>();
        try {
            Map<Integer, GameClient> byId = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                GameClient c = (i % 2 == 0 ? a : b).client();
                clients.add(c);
                byId.put(c.enter("order", "p" + i).playerId, c);
                for (int k = 0; k < i; k++) {
                    clients.get(k).expect(S_BroadcastEnter.class);
                }
            }
            for (int n = 0; n < chats; n++) {
                for (GameClient c : clients) {
                    c.send(new C_Chat(Integer.toString(n)));
                }
            }
            for (GameClient receiver : clients) {
                Map<Integer, Integer> next = new HashMap<>();
                for (int got = 0; got < chats * clients.size(); got++) {
                    Packet p = receiver.next();
                    S_Chat chat = (S_Chat) p;
                    int expected = next.getOrDefault(chat.playerId, 0);
                    assertEquals(Integer.toString(expected), chat.chat, "sender " + chat.playerId + " out of order");
                    next.put(chat.playerId, expected + 1);
                }
                assertEquals(byId.keySet(), next.keySet(), "every sender heard");
            }
        } finally {
            for (GameClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aJoinersFirstChatReachesEveryMemberOnEveryNode() throws Exception {
        for (int round = 0; round < 10; round++) {
            String room = "first-" + round;
            try (GameClient alice = a.client(); GameClient bob = b.client(); GameClient carol = (round % 2 == 0 ? a : b).client()) {
                alice.enter(room, "alice");
                bob.enter(room, "bob");
                alice.expect(S_BroadcastEnter.class);
                int c = carol.enter(room, "carol").playerId;
                carol.send(new C_Chat("hi at once"));
                for (GameClient member : List.of(alice, bob)) {
                    assertEquals(new S_BroadcastEnter(c, "carol", 0f, 0f, 0f), member.expect(S_BroadcastEnter.class));
                    assertEquals(new S_Chat(c, "hi at once"), member.expect(S_Chat.class));
                }
                assertEquals(new S_Chat(c, "hi at once"), carol.expect(S_Chat.class));
            }
        }
    }

    @Test
    void playerIdsAreUniqueAcrossTheCluster() throws Exception {
        Set<Integer> ids = new HashSet<>();
        List<GameClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                GameClient c = (i % 2 == 0 ? a : b).client();
                clients.add(c);
                int id = c.enter("ids-" + i, "p").playerId;
                assertTrue(id > 0, "positive: " + id);
                assertTrue(ids.add(id), "player id " + id + " given twice");
            }
        } finally {
            for (GameClient c : clients) {
                c.close();
            }
        }
    }
}
