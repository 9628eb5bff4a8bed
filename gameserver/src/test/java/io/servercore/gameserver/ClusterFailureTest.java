package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.gameserver.protocol.S_Error;
import io.servercore.packet.Packet;
import io.servercore.testing.Await;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the cluster does when a part of it fails: a node killed without a word, a node stopped
 * gracefully, and the NATS server restarted under running nodes. Each test has a cluster of its
 * own: a real nats-server and gameserver nodes in their own processes.
 */
@org.junit.jupiter.api.extension.ExtendWith(NatsServerCondition.class)
@Timeout(90)
class ClusterFailureTest {
    private NatsServer nats;
    private NodeProcess a;
    private NodeProcess b;
    private NodeProcess c;

    @AfterEach
    void stopCluster() throws Exception {
        Cluster.closeAll(c, b, a, nats);
    }

    @Test
    void aKilledNodesMembersLeaveEveryRoomOnTheOtherNodesWithinFiveSeconds() throws Exception {
        nats = NatsServer.start("kill");
        a = NodeProcess.start(nats.url(), "a");
        b = NodeProcess.start(nats.url(), "b");
        c = NodeProcess.start(nats.url(), "c");
        try (GameClient alice = a.client(); GameClient bob = b.client(); GameClient carol = c.client();
             GameClient cy = c.client(); GameClient ann = a.client()) {
            alice.enter("hall", "alice");
            bob.enter("hall", "bob");
            alice.expect(S_BroadcastEnter.class);
            int ca = carol.enter("hall", "carol").playerId;
            int cyId = cy.enter("hall", "cy").playerId;
            ann.enter("yard", "ann");
            int cyInYard = cy.enter("yard", "cy").playerId; // cy switches rooms: it leaves hall
            assertEquals(cyId, cyInYard);
            for (GameClient member : List.of(alice, bob)) {
                assertEquals(ca, member.expect(S_BroadcastEnter.class).playerId);
                assertEquals(cyId, member.expect(S_BroadcastEnter.class).playerId);
                assertEquals(cyId, member.expect(S_BroadcastLeave.class).playerId);
            }
            assertEquals(cyId, ann.expect(S_BroadcastEnter.class).playerId);

            long killed = System.nanoTime();
            c.kill(); // SIGKILL: no goodbye
            long deadline = killed + TimeUnit.SECONDS.toNanos(5);
            assertEquals(Set.of(ca), leavesBefore(alice, 1, deadline), "alice, on node a");
            assertEquals(Set.of(ca), leavesBefore(bob, 1, deadline), "bob, on node b");
            assertEquals(Set.of(cyId), leavesBefore(ann, 1, deadline), "ann, in another room on node a");

            try (GameClient dave = b.client()) {
                S_EnterRoom in = dave.enter("hall", "dave");
                assertEquals(Set.of("alice", "bob"), names(in), "the dead node's members are gone from later lists");
            }
            assertTrue(a.count(l -> l.contains("node c") && l.contains("no heartbeat")) == 1, a.tail());
        }
    }

    @Test
    void aGracefulStopSaysGoodbyeAfterItsMembersLeft() throws Exception {
        nats = NatsServer.start("stop");
        a = NodeProcess.start(nats.url(), "a");
        b = NodeProcess.start(nats.url(), "b");
        try (GameClient alice = a.client(); GameClient bob = b.client()) {
            alice.enter("hall", "alice");
            int bo = bob.enter("hall", "bob").playerId;
            assertEquals(bo, alice.expect(S_BroadcastEnter.class).playerId);

            Thread stopper = new Thread(() -> {
                try {
                    assertEquals(0, b.stop(), "a graceful stop exits 0");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stopper");
            stopper.start();
            assertEquals(ErrorCode.SHUTTING_DOWN.code, bob.expect(S_Error.class).code);
            bob.expectClosed();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            assertEquals(Set.of(bo), leavesBefore(alice, 1, deadline));
            stopper.join(30_000);
            Await.until("node a hears the goodbye", () -> a.count(l -> l.contains("node b") && l.contains("said goodbye")) == 1,
                    a::tail);
            assertEquals(0, a.count(l -> l.contains("node b") && l.contains("no heartbeat")), "b said goodbye first");
            try (GameClient carol = a.client()) {
                assertEquals(Set.of("alice"), names(carol.enter("hall", "carol")));
            }
        }
    }

    @Test
    void nodesResyncWhenTheNatsServerRestartsUnderThem() throws Exception {
        nats = NatsServer.start("restart");
        a = NodeProcess.start(nats.url(), "a");
        b = NodeProcess.start(nats.url(), "b");
        try (GameClient alice = a.client(); GameClient erin = b.client()) {
            int al = alice.enter("hall", "alice").playerId;
            int bo;
            try (GameClient bob = b.client()) {
                bo = bob.enter("hall", "bob").playerId;
                assertEquals(bo, alice.expect(S_BroadcastEnter.class).playerId);

                nats.kill();
                for (NodeProcess n : List.of(a, b)) {
                    Await.until(n + " notices", () -> n.count(l -> l.contains("lost the NATS connection")) == 1, n::tail);
                }
                bob.send(new C_Chat("local only"));
                assertEquals(new S_Chat(bo, "local only"), bob.expect(S_Chat.class), "a node serves its own members");
            } // bob leaves while NATS is away
            erin.send(new C_EnterRoom("hall", "erin")); // its admission waits for NATS

            nats.start();
            Predicate<String> back = l -> l.contains("WARN") && l.contains("NATS connection back");
            for (NodeProcess n : List.of(a, b)) {
                Await.until(n + " resyncs", () -> n.count(back) == 1, n::tail);
            }
            S_EnterRoom erinIn = erin.expect(S_EnterRoom.class);
            assertEquals(Set.of("alice"), names(erinIn), "bob left during the outage");

            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.size() < 2) {
                Packet p = nextBefore(alice, deadline);
                if (p instanceof S_BroadcastLeave leave && leave.playerId == bo) {
                    seen.add("bob left");
                } else if (p instanceof S_BroadcastEnter enter && enter.playerId == erinIn.playerId) {
                    seen.add("erin entered");
                } else {
                    throw new AssertionError("alice got " + p);
                }
            }
            erin.send(new C_Chat("after"));
            assertEquals(new S_Chat(erinIn.playerId, "after"), alice.expect(S_Chat.class));
            alice.send(new C_Chat("back"));
            assertEquals(new S_Chat(erinIn.playerId, "after"), erin.expect(S_Chat.class));
            assertEquals(new S_Chat(al, "back"), erin.expect(S_Chat.class));
            for (NodeProcess n : List.of(a, b)) {
                assertEquals(1, n.count(back), n.tail());
            }
        }
    }

    private static Set<String> names(S_EnterRoom in) {
        Set<String> names = new HashSet<>();
        in.player.forEach(p -> names.add(p.name));
        return names;
    }

    /** The player ids of the next {@code count} S_BroadcastLeave, which must all come before {@code deadline}. */
    private static Set<Integer> leavesBefore(GameClient client, int count, long deadline) throws IOException {
        Set<Integer> left = new HashSet<>();
        while (left.size() < count) {
            Packet p = nextBefore(client, deadline);
            if (!(p instanceof S_BroadcastLeave leave)) {
                throw new AssertionError("expected S_BroadcastLeave, got " + p);
            }
            left.add(leave.playerId);
        }
        return left;
    }

    private static Packet nextBefore(GameClient client, long deadline) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new AssertionError("the deadline passed");
        }
        client.raw().socket().setSoTimeout((int) left);
        try {
            return client.next();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing came before the deadline", e);
        } finally {
            client.raw().socket().setSoTimeout(10_000);
        }
    }
}
