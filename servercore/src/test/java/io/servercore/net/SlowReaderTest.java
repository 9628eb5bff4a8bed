package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Await;
import io.servercore.testing.Frames;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 64 MiB queued at once for a peer with a tiny receive window: the gathering writes come
 * back partial again and again, are capped at 1,024 buffers, and every byte arrives intact
 * and in order.
 */
@Timeout(120)
class SlowReaderTest {
    private static final int FRAME_SIZE = 16 * 1024;
    private static final int FRAMES = 4096; // 64 MiB

    static byte[] payload(int seq) {
        return Frames.pattern(seq, FRAME_SIZE - 4);
    }

    @Test
    void sixtyFourMebibytesThroughPartialWritesArriveIntactAndInOrder() throws Exception {
        AtomicReference<Session> serverSession = new AtomicReference<>();
        AtomicLong onSendCalls = new AtomicLong();
        AtomicLong largestGather = new AtomicLong();
        ServiceConfig.Builder config = ServiceConfig.builder()
                .maxFrameSize(FRAME_SIZE).outboundLimit(128L << 20);
        try (Loopback loopback = Loopback.start(config, () -> new PacketSession() {
            @Override
            protected void onConnected() {
                serverSession.set(this);
                for (int seq = 0; seq < FRAMES; seq++) {
                    send(Loopback.frame(seq, payload(seq)));
                }
            }

            @Override
            protected void onSend(long bytes) {
                onSendCalls.incrementAndGet();
                largestGather.accumulateAndGet(bytes, Math::max);
            }

            @Override
            protected void onRecvPacket(int id, java.nio.ByteBuffer payload) {
            }
        })) {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.setSoTimeout(10_000);
                socket.connect(loopback.address(), 10_000);
                InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1024);
                DataInputStream data = new DataInputStream(in);
                byte[] header = new byte[4];
                byte[] body = new byte[FRAME_SIZE - 4];
                for (int seq = 0; seq < FRAMES; seq++) {
                    data.readFully(header);
                    int size = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
                    int id = (header[2] & 0xFF) | (header[3] & 0xFF) << 8;
                    assertEquals(FRAME_SIZE, size, "frame " + seq);
                    assertEquals(seq & 0xFFFF, id, "frame " + seq);
                    data.readFully(body);
                    assertTrue(java.util.Arrays.equals(payload(seq), body), "payload of frame " + seq);
                }
            }
            Session session = serverSession.get();
            Await.until("the last write completed", () -> session.queuedBytes() == 0 || session.isClosed());
            long gathers = onSendCalls.get();
            assertTrue(gathers >= FRAMES / Session.MAX_GATHER, "gathers=" + gathers);
            assertTrue(largestGather.get() <= (long) Session.MAX_GATHER * FRAME_SIZE, "largest=" + largestGather);
            assertTrue(session.writeCalls() > gathers,
                    "partial writes were continued: writes=" + session.writeCalls() + ", gathers=" + gathers);
        }
    }
}
