package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.buffer.SendBuffer;
import io.servercore.testing.Await;
import java.nio.ByteBuffer;
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
 */
@Timeout(120)
class BroadcastTest {
    private static final int MEMBERS = 300;
    private static final int BROADCASTS = 500;

    /** Counts broadcasts and checks their sequence numbers arrive in order. */
    static final class Member extends PacketSession {
        final AtomicInteger received = new AtomicInteger();
        final ConcurrentLinkedQueue<String> errors;

        Member(ConcurrentLinkedQueue<String> errors) {
            this.errors = errors;
        }

        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            int seq = payload.getInt();
            if (seq != received.get()) {
                errors.add(this + " expected broadcast " + received.get() + " got " + seq);
            }
            received.incrementAndGet();
        }
    }

    @Test
    void broadcastingWhileMembersDisconnectThrowsNothingAndLosesNothingForTheRest() throws Exception {
        List<Probe> serverSide = new CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Member> members = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(() -> {
            Probe probe = new Probe();
            serverSide.add(probe);
            return probe;
        })) {
            ClientService clients = loopback.client(ServiceConfig.builder(), () -> {
                Member member = new Member(errors);
                members.add(member);
                return member;
            });
            List<CompletableFuture<Session>> connects = clients.connect(MEMBERS);
            CompletableFuture.allOf(connects.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            Await.until("all members on the server", () -> loopback.server.sessionCount() == MEMBERS);

            // A third leave from the server side, a third from the client side, a third stay.
            List<Probe> leaveByServer = new ArrayList<>(serverSide.subList(0, MEMBERS / 3));
            List<Session> leaveByClient = new ArrayList<>();
            for (Session member : members) {
                if (leaveByClient.size() < MEMBERS / 3) {
                    // Only client sessions whose server peer is not already leaving.
                    leaveByClient.add(member);
                }
            }
            AtomicReference<Throwable> broadcastFailure = new AtomicReference<>();
            AtomicInteger queuedTotal = new AtomicInteger();
            Thread broadcaster = new Thread(() -> {
                try {
                    for (int seq = 0; seq < BROADCASTS; seq++) {
                        SendBuffer slice = Loopback.frame(1, ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, seq).array());
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

            Await.until("the leavers are gone", () -> loopback.server.sessionCount() <= MEMBERS - MEMBERS / 3,
                    () -> loopback.server.sessionCount());
            List<Member> stayed = new ArrayList<>();
            for (Member member : members) {
                if (!member.isClosed()) {
                    stayed.add(member);
                }
            }
            assertTrue(stayed.size() >= MEMBERS / 3, "stayed=" + stayed.size());
            Await.until("every member that stayed got every broadcast",
                    () -> stayed.stream().allMatch(m -> m.received.get() >= BROADCASTS || m.isClosed()),
                    () -> stayed.stream().mapToInt(m -> m.received.get()).min().orElse(-1));
            assertTrue(errors.isEmpty(), () -> errors.size() + " order errors, first: " + errors.peek());
            for (Member member : stayed) {
                if (!member.isClosed()) {
                    assertEquals(BROADCASTS, member.received.get());
                }
            }
            clients.close();
            Await.until("every server session reported", () -> serverSide.stream().allMatch(p -> p.disconnects.get() == 1));
            for (Probe probe : serverSide) {
                assertEquals(0, probe.hooksAfterReport.get(), probe + " wrote after it was reported closed");
                assertTrue(probe.ioIdleAtReport);
            }
            assertTrue(queuedTotal.get() <= MEMBERS * BROADCASTS);
        }
    }
}
