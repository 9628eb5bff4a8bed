package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Frames;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thousand {@link ClientService} sessions against a {@link ServerService} that echoes:
 * every session sends 100 frames of random sizes and checks that every byte comes back, in
 * order.
 */
@Timeout(180)
class LoopbackEchoTest {
    private static final int SESSIONS = 1000;
    private static final int FRAMES = 100;
    private static final int WINDOW = 4;
    private static final int MAX_PAYLOAD = 16 * 1024;

    private final AtomicInteger nextIndex = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(SESSIONS);
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger framesChecked = new AtomicInteger();

    /** Sends FRAMES frames, at most WINDOW unanswered, and checks each echo. */
    final class EchoClient extends PacketSession {
        private final int index = nextIndex.getAndIncrement();
        private final int[] sizes = new int[FRAMES];
        private int sent;
        private int received;

        EchoClient() {
            Random random = new Random(index);
            for (int i = 0; i < FRAMES; i++) {
                // Log-uniform from 4 B to 16 KiB: every size class is exercised, the total stays modest.
                sizes[i] = (int) Math.round(Math.exp(Math.log(4) + random.nextDouble() * Math.log(MAX_PAYLOAD / 4.0)));
            }
        }

        private byte[] payload(int seq) {
            return Frames.pattern(index * 1000L + seq, sizes[seq]);
        }

        @Override
        protected void onConnected() {
            while (sent < WINDOW) {
                send(Loopback.frame(sent, payload(sent)));
                sent++;
            }
        }

        @Override
        protected void onRecvPacket(int id, ByteBuffer data) {
            byte[] got = new byte[data.remaining()];
            data.get(got);
            if (id != received || !java.util.Arrays.equals(got, payload(received))) {
                errors.add("session " + index + " frame " + received + ": got id " + id + ", " + got.length + " bytes");
                disconnect();
                return;
            }
            framesChecked.incrementAndGet();
            received++;
            if (sent < FRAMES) {
                send(Loopback.frame(sent, payload(sent)));
                sent++;
            }
            if (received == FRAMES) {
                finished.countDown();
            }
        }

        @Override
        protected void onDisconnected(DisconnectReason reason) {
            if (received != FRAMES) {
                errors.add("session " + index + " disconnected (" + reason + ") after " + received + " frames");
            }
        }
    }

    @Test
    void everyByteOfAThousandSessionsComesBackInOrder() throws Exception {
        ServiceConfig.Builder config = ServiceConfig.builder().maxFrameSize(MAX_PAYLOAD + 4).recvBufferSize(32 * 1024);
        try (Loopback loopback = Loopback.start(config, Loopback.EchoSession::new)) {
            ClientService clients = loopback.client(config, EchoClient::new);
            List<CompletableFuture<Session>> connects = clients.connect(SESSIONS);
            CompletableFuture.allOf(connects.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);

            boolean done = finished.await(150, TimeUnit.SECONDS);
            assertTrue(errors.isEmpty(), () -> errors.size() + " errors, first: " + errors.peek());
            assertTrue(done, "sessions finished: " + (SESSIONS - finished.getCount()));
            assertEquals(SESSIONS * FRAMES, framesChecked.get());
            assertEquals(SESSIONS, loopback.server.sessionCount());
            clients.close();
        }
    }
}
