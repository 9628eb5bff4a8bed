package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.job.JobQueue;
import io.servercore.testing.Await;
import io.servercore.testing.RawClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sends made while a job queue drains leave in one gathering write per session. */
@Timeout(30)
class FlushBatchTest {

    /**
     * One I/O thread: the deferred flush then runs after the drain for sure. (With more, another
     * thread may flush while the drain still sends, and the frames leave in a few writes.)
     */
    @Test
    void aHundredSendsFromOneDrainLeaveInOneWrite() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        AtomicLong sends = new AtomicLong();
        try (Loopback loopback = Loopback.start(1, ServiceConfig.builder(), () -> {
            Probe probe = new Probe() {
                @Override
                protected void onSend(long bytes) {
                    sends.incrementAndGet();
                }
            };
            probes.add(probe);
            return probe;
        }); RawClient client = new RawClient(loopback.address())) {
            Probe session = Probe.connected(probes, 0);
            JobQueue room = new JobQueue(loopback.core::execute);
            // Pushed from an I/O thread, as a packet handler would: that thread drains the queue.
            loopback.core.execute(() -> room.push(() -> {
                for (int i = 0; i < 100; i++) {
                    session.send(Loopback.frame(i, new byte[10]));
                }
            }));
            for (int i = 0; i < 100; i++) {
                byte[] frame = client.readFrame();
                assertEquals(i, frame[2] & 0xFF);
            }
            Await.until("the write completed", () -> sends.get() == 1 && session.queuedBytes() == 0);
            assertEquals(1, session.writeCalls(), "one socket write carried all hundred frames");
        }
    }

    @Test
    void flushBatchExitWithoutEnterIsABug() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, FlushBatch::exit);
        assertTrue(e.getMessage().contains("without enter"), e.getMessage());
    }
}
