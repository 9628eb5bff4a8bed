package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.servercore.testing.Await;
import io.servercore.testing.RawClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads send to one session at once, some from I/O threads and some not: nothing is
 * stranded in the queue when a write ends just as a send arrives, and each sender's frames
 * arrive in the order it sent them.
 */
@Timeout(60)
class ConcurrentSendTest {
    private static final int SENDERS = 4;
    private static final int PER_SENDER = 20_000;

    @Test
    void concurrentSendersStrandNothingAndKeepTheirOrder() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(Probe.into(probes)); RawClient client = new RawClient(loopback.address())) {
            Probe session = Probe.connected(probes, 0);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                Runnable sendAll = () -> {
                    for (int seq = 0; seq < PER_SENDER; seq++) {
                        byte[] payload = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(seq).array();
                        session.send(Loopback.frame(sender, payload));
                    }
                };
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (sender % 2 == 0) {
                        sendAll.run(); // from a plain thread: the write is handed to an I/O thread
                    } else {
                        loopback.core.execute(sendAll); // from an I/O thread: written at once
                    }
                });
                senders.add(t);
                t.start();
            }
            go.countDown();
            int[] next = new int[SENDERS];
            for (int i = 0; i < SENDERS * PER_SENDER; i++) {
                byte[] frame = client.readFrame();
                int sender = frame[2];
                int seq = ByteBuffer.wrap(frame, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                assertEquals(next[sender], seq, "sender " + sender + " out of order");
                next[sender]++;
            }
            for (Thread t : senders) {
                t.join(10_000);
            }
            for (int s = 0; s < SENDERS; s++) {
                assertEquals(PER_SENDER, next[s]);
            }
            Await.until("queue empty", () -> session.queuedBytes() == 0, session::queuedBytes);
        }
    }
}
