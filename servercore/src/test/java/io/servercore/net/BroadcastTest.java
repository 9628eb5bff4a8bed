package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.buffer.SendBuffer;
import io.servercore.testing.Await;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The course's crash: a broadcast loop over the session set while members disconnect. It
 * must throw nothing, write to no closed session, and the members that stay get every
 * broadcast in order.
 *
 * <p>Each member says hello with its number on connect, so the test knows which server session
 * is whose: the first third are closed by the server, the second third close themselves, and the
 * last third stay and must be open at the end with every broadcast.
 */
@Timeout(120)
class BroadcastTest {
    private static final int MEMBERS = 300;
    private static final int BROADCASTS = 500;
    private static final int HELLO = 0;
    private static final int BROADCAST = 1;

    /** Says hello with its number, then counts broadcasts and checks their sequence numbers arrive in order. */
    static final class Member extends PacketSession {
        final AtomicInteger received = new AtomicInteger();
        final ConcurrentLinkedQueue<String> errors;
        final int number;

        Member(int number, ConcurrentLinkedQueue<String> errors) {
            this.number = number;
            this.errors = errors;
        }

        @Override
        protected void onConnected() {
            send(Loopback.frame(HELLO, littleEndianInt(number)));
        }

        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            int seq = payload.getInt();
            if (id != BROADCAST || seq != received.get()) {
                errors.add(this + " expected broadcast " + received.get() + " got id " + id + ", seq " + seq);
            }
            received.incrementAndGet();
        }

        @Override
        public String toString() {
            return "member " + number;
        }
    }

    /** The server side of a member: learns the member's number from its hello. */
    static final class ServerSide extends Probe {
        volatile int number = -1;

        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            if (id == HELLO) {
                number = payload.getInt();
            }
            super.onRecvPacket(id, payload);
        }
    }

    static byte[] littleEndianInt(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value).array();
    }

    @Test
    void broadcastingWhileMembersDisconnectThrowsNothingAndLosesNothingForTheRest() throws Exception {
        List<ServerSide> serverSide = new CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Member> members = new CopyOnWriteArrayList<>();
        AtomicInteger numbers = new AtomicInteger();
        try (Loopback loopback = Loopback.start(() -> {
            ServerSide probe = new ServerSide();
            serverSide.add(probe);
            return probe;
        })) {
            ClientService clients = loopback.client(ServiceConfig.builder(), () -> {
                Member member = new Member(numbers.getAndIncrement(), errors);
                members.add(member);
                return member;
            });
            List<CompletableFuture<Session>> connects = clients.connect(MEMBERS);
            CompletableFuture.allOf(connects.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            Await.until("every member said hello on the server", () -> serverSide.size() == MEMBERS
                    && serverSide.stream().allMatch(p -> p.number >= 0));

            List<ServerSide> leaveByServer = new ArrayList<>();
            for (ServerSide probe : serverSide) {
                if (probe.number < MEMBERS / 3) {
                    leaveByServer.add(probe);
                }
            }
            List<Member> leaveByClient = new ArrayList<>();
            List<Member> stayers = new ArrayList<>();
            for (Member member : members) {
                if (member.number >= 2 * MEMBERS / 3) {
                    stayers.add(member);
                } else if (member.number >= MEMBERS / 3) {
                    leaveByClient.add(member);
                }
            }
            assertEquals(MEMBERS / 3, leaveByServer.size());
            assertEquals(MEMBERS / 3, leaveByClient.size());
            AtomicReference<Throwable> broadcastFailure = new AtomicReference<>();
            AtomicInteger queuedTotal = new AtomicInteger();
            Thread broadcaster = new Thread(() -> {
                try {
                    for (int seq = 0; seq < BROADCASTS; seq++) {
                        SendBuffer slice = Loopback.frame(BROADCAST, littleEndianInt(seq));
                        queuedTotal.addAndGet(loopback.server.broadcast(slice));
                    }
                } catch (Throwable t) {
                    broadcastFailure.set(t);
                }
            }, "broadcaster");
            Thread leaver = new Thread(() -> {
                for (int i = 0; i < leaveByServer.size(); i++) {
                    leaveByServer.get(i).disconnect();
                    leaveByClient.get(i).disconnect();
                }
            }, "leaver");
            broadcaster.start();
            leaver.start();
            broadcaster.join(60_000);
            leaver.join(60_000);
            assertEquals(null, broadcastFailure.get(), "the broadcast loop threw");

            Await.until("the leavers are gone from the server",
                    () -> loopback.server.sessionCount() == stayers.size(), loopback.server::sessionCount);
            Await.until("every member the server closed saw the close",
                    () -> members.stream().filter(m -> m.number < MEMBERS / 3).allMatch(Session::isClosed));
            Await.until("every member that stayed got every broadcast",
                    () -> stayers.stream().allMatch(m -> m.received.get() >= BROADCASTS || m.isClosed()),
                    () -> stayers.stream().mapToInt(m -> m.received.get()).min().orElse(-1));
            assertTrue(errors.isEmpty(), () -> errors.size() + " order errors, first: " + errors.peek());
            for (Member member : stayers) {
                assertTrue(!member.isClosed(), member + " stayed but was closed: " + member.disconnectReason());
                assertEquals(BROADCASTS, member.received.get(), member + " got every broadcast once");
            }
            // Every broadcast was queued for every member that stayed, whoever else was leaving.
            assertTrue(queuedTotal.get() >= stayers.size() * BROADCASTS,
                    "queued " + queuedTotal.get() + " times for " + stayers.size() + " stayers");
            clients.close();
            Await.until("every server session reported", () -> serverSide.stream().allMatch(p -> p.disconnects.get() == 1));
            for (Probe probe : serverSide) {
                assertEquals(0, probe.hooksAfterReport.get(), probe + " wrote after it was reported closed");
                assertTrue(probe.ioIdleAtReport);
            }
        }
    }
}
