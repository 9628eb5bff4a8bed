package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Await;
import java.io.InputStream;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The water marks: a session says when to hold back and when to go on, as Netty's channels do. */
@Timeout(60)
class WritabilityTest {
    private static final int LOW = 16 * 1024;
    private static final int HIGH = 64 * 1024;

    /** Records each writability report with the thread it ran on. */
    static final class Watcher extends Probe {
        final List<Boolean> reports = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        protected void onWritabilityChanged(boolean writable) {
            reports.add(writable);
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void aPeerThatStopsReadingTurnsTheSessionUnwritableAndReadingAgainTurnsItBack() throws Exception {
        List<Watcher> sessions = new CopyOnWriteArrayList<>();
        ServiceConfig.Builder config = ServiceConfig.builder().outboundLimit(256L * 1024 * 1024)
                .writeBufferWaterMark(LOW, HIGH);
        try (Loopback loopback = Loopback.start(config, () -> {
            Watcher w = new Watcher();
            sessions.add(w);
            return w;
        }); Socket peer = new Socket()) {
            peer.setReceiveBufferSize(4096);
            peer.connect(loopback.address(), 10_000);
            Await.until("session connected", () -> sessions.size() == 1 && sessions.get(0).connected.getCount() == 0);
            Watcher session = sessions.get(0);
            assertTrue(session.isWritable());
            // Small kernel buffers on both ends: they hold far less than the marks are apart, so once
            // the queue passes the high mark it cannot drain below the low one until the peer reads.
            session.channel().setOption(StandardSocketOptions.SO_SNDBUF, 4096);

            // Send while writable until the report comes.
            long sent = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (session.reports.isEmpty()) {
                if (session.isWritable()) {
                    assertTrue(session.send(Loopback.frame(1, new byte[1020])), "sent " + sent + " bytes");
                    sent += 1024;
                } else {
                    assertTrue(session.queuedBytes() > LOW, "unwritable below the low mark: " + session.queuedBytes());
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                assertTrue(sent < 128L * 1024 * 1024 && System.nanoTime() < deadline,
                        "no unwritable report after " + sent + " bytes");
            }
            assertEquals(List.of(false), session.reports);
            assertFalse(session.isWritable());

            // The peer reads everything: the queue drains below the low mark.
            InputStream in = peer.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            while (read < sent) {
                int n = in.read(buffer);
                assertTrue(n > 0, "the stream ended after " + read + " of " + sent + " bytes");
                read += n;
            }
            Await.until("writable reported", () -> session.reports.size() == 2, session.reports::toString);
            assertEquals(List.of(false, true), session.reports);
            assertTrue(session.isWritable());
            Await.until("the last write released its slices", () -> session.queuedBytes() == 0, session::queuedBytes);
            for (String thread : session.threads) {
                assertTrue(thread.startsWith("test-io"), "reported on " + thread);
            }
            assertFalse(session.isClosed());
        }
    }

    @Test
    void waterMarksOutOfOrderAreRefusedWithTheValues() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.builder().writeBufferWaterMark(10, 5).build());
        assertEquals("writeBufferLowWaterMark=10 is out of range, min=0, max=5", e.getMessage());
    }
}
