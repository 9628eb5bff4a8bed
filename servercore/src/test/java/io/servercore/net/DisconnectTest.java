package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.buffer.SendBuffer;
import io.servercore.testing.Await;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import io.servercore.testing.Frames;
import io.servercore.testing.RawClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Disconnect once, report once, report late: the disconnect invariants of docs/design.md, and slices on every path. */
@Timeout(120)
class DisconnectTest {
    private static final int ROUNDS = 25;
    private static final int PER_ROUND = 100;

    /** A client that reads and drops whatever arrives, slowly enough that server writes stay in flight. */
    static final class Sink extends Session {
        @Override
        protected int onRecv(ByteBuffer data) {
            return data.remaining();
        }
    }

    @Test
    void disconnectFromAnotherThreadDuringSendsAndAReadReportsOnceAfterTheIoCompleted() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(ServiceConfig.builder().maxFrameSize(16 * 1024), () -> {
            Probe probe = new Probe() {
                @Override
                protected void onConnected() {
                    // Keep writes in flight: 1 MiB queued for a client that is still setting up.
                    for (int i = 0; i < 64; i++) {
                        send(Loopback.frame(i, new byte[16 * 1024 - 4]));
                    }
                    super.onConnected();
                }
            };
            probes.add(probe);
            return probe;
        })) {
            ClientService clients = loopback.client(ServiceConfig.builder(), Sink::new);
            for (int round = 0; round < ROUNDS; round++) {
                probes.clear();
                List<CompletableFuture<Session>> connects = clients.connect(PER_ROUND);
                CompletableFuture.allOf(connects.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
                Await.until("all server sessions connected", () -> probes.size() == PER_ROUND
                        && probes.stream().allMatch(p -> p.connected.getCount() == 0));

                // Two threads race to disconnect every session; each session's first call wins.
                List<Probe> batch = new ArrayList<>(probes);
                CountDownLatch go = new CountDownLatch(1);
                List<Boolean> wins = new CopyOnWriteArrayList<>();
                List<Thread> callers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    Thread caller = new Thread(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        for (Probe probe : batch) {
                            wins.add(probe.disconnect());
                        }
                    }, "disconnector-" + t);
                    callers.add(caller);
                    caller.start();
                }
                go.countDown();
                for (Thread caller : callers) {
                    caller.join(10_000);
                }
                assertEquals(PER_ROUND, wins.stream().filter(w -> w).count(), "exactly one disconnect call wins per session");

                for (Probe probe : batch) {
                    assertTrue(probe.reported.await(10, TimeUnit.SECONDS), "onDisconnected ran");
                }
                for (Probe probe : batch) {
                    assertEquals(1, probe.disconnects.get(), "onDisconnected ran exactly once");
                    assertTrue(probe.ioIdleAtReport, "nothing was in flight when onDisconnected ran");
                    assertEquals(0, probe.queuedAtReport, "queued slices were released before the report");
                    assertFalse(callers.contains(probe.reportThread), "reported on the disconnecting thread");
                    assertTrue(probe.reportThread.getName().startsWith("test-io"), probe.reportThread.getName());
                    assertEquals(DisconnectReason.LOCAL, probe.reason);
                    assertFalse(probe.disconnect(), "a later disconnect changes nothing");
                }
                Await.until("client sessions saw the close", () -> clients.sessionCount() == 0, clients::sessionCount);
                for (Probe probe : batch) {
                    assertEquals(0, probe.hooksAfterReport.get(), "no hook ran after onDisconnected");
                }
            }
            clients.close();
        }
    }

    @Test
    void aSendAfterDisconnectIsANoOpThatReleasesItsSlice() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(Probe.into(probes)); RawClient client = new RawClient(loopback.address())) {
            Probe probe = Probe.connected(probes, 0);
            assertTrue(probe.disconnect());
            SendBuffer late = Loopback.frame(1, new byte[10]);
            assertFalse(probe.send(late));
            assertEquals(0, late.refCnt(), "the refused slice was released");
            assertEquals(0, client.readUntilClosed().length);
            assertTrue(probe.reported.await(10, TimeUnit.SECONDS));
            SendBuffer later = Loopback.frame(1, new byte[10]);
            assertFalse(probe.send(later));
            assertEquals(0, later.refCnt());
        }
    }

    @Test
    void thePeerClosingIsReportedWithItsReasonAndTheServerForgetsTheSession() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(Probe.into(probes))) {
            try (RawClient client = new RawClient(loopback.address())) {
                client.write(Frames.frame(1, new byte[3]));
                Await.until("frame received", () -> probes.size() == 1 && probes.get(0).framesReceived.get() == 1);
            }
            Probe probe = probes.get(0);
            assertTrue(probe.reported.await(10, TimeUnit.SECONDS));
            assertEquals(DisconnectReason.PEER_CLOSED, probe.reason);
            assertEquals(0, loopback.server.sessionCount());

            try (RawClient resetter = new RawClient(loopback.address())) {
                Await.until("second session", () -> probes.size() == 2 && probes.get(1).connected.getCount() == 0);
                resetter.reset();
            }
            Probe reset = probes.get(1);
            assertTrue(reset.reported.await(10, TimeUnit.SECONDS));
            assertTrue(reset.reason == DisconnectReason.IO_ERROR || reset.reason == DisconnectReason.PEER_CLOSED,
                    String.valueOf(reset.reason));
        }
    }

    @Test
    void sendLastDeliversWhatWasQueuedThenTheLastWordThenTheClose() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(() -> {
            Probe probe = new Probe() {
                @Override
                protected void onConnected() {
                    for (int i = 0; i < 1000; i++) {
                        send(Loopback.frame(i, Frames.pattern(i, 100)));
                    }
                    assertTrue(sendLast(Loopback.frame(5000, new byte[] {5}), DisconnectReason.SHUTDOWN));
                    SendBuffer late = Loopback.frame(6000, new byte[0]);
                    assertFalse(send(late), "nothing goes after the last word");
                    assertEquals(0, late.refCnt());
                    SendBuffer second = Loopback.frame(7000, new byte[0]);
                    assertFalse(sendLast(second, DisconnectReason.LOCAL), "one last word only");
                    assertEquals(0, second.refCnt());
                    super.onConnected();
                }
            };
            probes.add(probe);
            return probe;
        }); RawClient client = new RawClient(loopback.address())) {
            for (int i = 0; i < 1000; i++) {
                byte[] frame = client.readFrame();
                assertEquals(i, (frame[2] & 0xFF) | (frame[3] & 0xFF) << 8);
            }
            byte[] last = client.readFrame();
            assertEquals(5000, (last[2] & 0xFF) | (last[3] & 0xFF) << 8);
            assertEquals(0, client.readUntilClosed().length);
            Probe probe = probes.get(0);
            assertTrue(probe.reported.await(10, TimeUnit.SECONDS));
            assertEquals(DisconnectReason.SHUTDOWN, probe.reason);
        }
    }

    @Test
    void aSendRacingTheLastWordIsNeverWrittenAfterIt() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(Probe.into(probes))) {
            for (int round = 0; round < 50; round++) {
                probes.clear();
                try (RawClient client = new RawClient(loopback.address())) {
                    Probe probe = Probe.connected(probes, 0);
                    Thread chatter = new Thread(() -> {
                        for (int i = 0; i < 2000 && !probe.isClosed(); i++) {
                            probe.send(Loopback.frame(1, new byte[16]));
                        }
                    });
                    chatter.start();
                    probe.sendLast(Loopback.frame(2, new byte[0]), DisconnectReason.SHUTDOWN);
                    int lastId = -1;
                    try {
                        for (;;) {
                            byte[] frame = client.readFrame();
                            lastId = frame[2];
                        }
                    } catch (java.io.EOFException closed) {
                        // the close after the last word
                    }
                    chatter.join(10_000);
                    assertEquals(2, lastId, "round " + round + ": the last frame before the close is the last word");
                }
            }
        }
    }

    /** Set on an I/O thread while a task of the test's stands in for user code calling send. */
    private static final ThreadLocal<Boolean> IN_USER_CALL = ThreadLocal.withInitial(() -> false);

    @Test
    void theReportNeverRunsInsideTheCallThatLetGoOfTheLastOperation() throws Exception {
        try (IoCore core = new IoCore("test-io", 2)) {
            AtomicReference<Boolean> reportedInsideCall = new AtomicReference<>();
            AtomicReference<Thread> reportThread = new AtomicReference<>();
            CountDownLatch reported = new CountDownLatch(1);
            ClientService service = ClientService.create(core,
                    ServiceConfig.builder().host("127.0.0.1").port(9).build(), () -> new Session() {
                        @Override
                        protected int onRecv(ByteBuffer data) {
                            return data.remaining();
                        }

                        @Override
                        protected void onDisconnected(DisconnectReason why) {
                            reportedInsideCall.set(IN_USER_CALL.get());
                            reportThread.set(Thread.currentThread());
                            reported.countDown();
                        }
                    });
            FakeChannel channel = new FakeChannel();
            CompletableFuture<Session> started = new CompletableFuture<>();
            core.execute(() -> {
                service.reserveSlot("fake");
                started.complete(service.startSession(channel));
            });
            Session session = started.get(10, TimeUnit.SECONDS);
            assertTrue(channel.readPending());

            // The write the send starts is where the session closes and both operations end, so the
            // send's own call is what lets go of the last one.
            channel.onWrite = ch -> {
                session.disconnect();
                ch.failRead(new AsynchronousCloseException());
                ch.failWrite(new AsynchronousCloseException());
            };
            core.execute(() -> {
                IN_USER_CALL.set(true);
                try {
                    session.send(Loopback.frame(1, new byte[8]));
                } finally {
                    IN_USER_CALL.set(false);
                }
            });
            assertTrue(reported.await(10, TimeUnit.SECONDS), "onDisconnected ran");
            assertFalse(reportedInsideCall.get(), "onDisconnected ran inside the send that ended the last write");
            assertTrue(reportThread.get().getName().startsWith("test-io"), reportThread.get().getName());
            assertEquals(0, service.sessionCount());
            service.close();
        }
    }

    @Test
    void ofConcurrentLastWordsExactlyOneWinsAndTheCloseCarriesItsReason() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        DisconnectReason[] reasons = {DisconnectReason.SHUTDOWN, DisconnectReason.LOCAL};
        try (Loopback loopback = Loopback.start(Probe.into(probes))) {
            for (int round = 0; round < 200; round++) {
                probes.clear();
                try (RawClient client = new RawClient(loopback.address())) {
                    Probe probe = Probe.connected(probes, 0);
                    CyclicBarrier go = new CyclicBarrier(2);
                    boolean[] won = new boolean[2];
                    Thread[] callers = new Thread[2];
                    for (int t = 0; t < 2; t++) {
                        int caller = t;
                        callers[t] = new Thread(() -> {
                            try {
                                go.await(10, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                return;
                            }
                            won[caller] = probe.sendLast(Loopback.frame(20 + caller, new byte[0]), reasons[caller]);
                        }, "last-word-" + t);
                        callers[t].start();
                    }
                    for (Thread caller : callers) {
                        caller.join(10_000);
                    }
                    assertTrue(won[0] ^ won[1], "round " + round + ": exactly one last word, won=" + won[0] + "," + won[1]);
                    int winner = won[0] ? 0 : 1;
                    byte[] last = client.readFrame();
                    assertEquals(20 + winner, last[2], "round " + round + ": the winner's packet is the one written");
                    assertEquals(0, client.readUntilClosed().length);
                    assertTrue(probe.reported.await(10, TimeUnit.SECONDS));
                    assertEquals(reasons[winner], probe.reason, "round " + round + ": the close carries the winner's reason");
                }
            }
        }
    }

    @Test
    void aLastWordBeyondTheOutboundLimitIsRefusedReleasedAndClosesTheSession() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(ServiceConfig.builder().outboundLimit(100), Probe.into(probes));
             RawClient client = new RawClient(loopback.address())) {
            Probe probe = Probe.connected(probes, 0);
            SendBuffer word = Loopback.frame(1, new byte[200]);
            assertFalse(probe.sendLast(word, DisconnectReason.SHUTDOWN));
            assertEquals(0, word.refCnt(), "the refused last word was released");
            assertEquals(0, client.readUntilClosed().length, "nothing was written, then the close");
            assertTrue(probe.reported.await(10, TimeUnit.SECONDS));
            assertEquals(DisconnectReason.OUTBOUND_LIMIT, probe.reason);
            SendBuffer again = Loopback.frame(1, new byte[0]);
            assertFalse(probe.sendLast(again, DisconnectReason.SHUTDOWN), "a closed session takes no last word");
            assertEquals(0, again.refCnt());
        }
    }
}
