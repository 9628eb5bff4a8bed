package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.servercore.testing.RawClient;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Completions may run on the thread that started the operation: a hook that sends from
 * inside {@code onSend} or {@code onRecvPacket}, a hundred thousand times over, must not
 * recurse without bound nor deadlock on a lock held across user code.
 */
@Timeout(60)
class ReentrancyTest {
    private static final int CHAIN = 100_000;

    @Test
    void sendingFromOnSendAHundredThousandTimesNeitherOverflowsNorStalls() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger sent = new AtomicInteger();
        try (Loopback loopback = Loopback.start(() -> new PacketSession() {
            @Override
            protected void onConnected() {
                sendNext();
            }

            @Override
            protected void onSend(long bytes) {
                sendNext();
            }

            private void sendNext() {
                try {
                    if (sent.get() < CHAIN) {
                        send(Loopback.frame(7, ByteBuffer.allocate(4).putInt(sent.getAndIncrement()).array()));
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }

            @Override
            protected void onRecvPacket(int id, ByteBuffer payload) {
            }
        }); RawClient client = new RawClient(loopback.address())) {
            for (int i = 0; i < CHAIN; i++) {
                byte[] frame = client.readFrame();
                assertEquals(i, ByteBuffer.wrap(frame, 4, 4).getInt(), "frame order");
            }
            assertNull(failure.get());
        }
    }

    @Test
    void answeringEachFrameFromOnRecvPacketKeepsUpWithAPipelinedPeer() throws Exception {
        try (Loopback loopback = Loopback.start(Loopback.EchoSession::new);
             RawClient client = new RawClient(loopback.address())) {
            byte[] frames = new byte[CHAIN / 10 * 8];
            ByteBuffer out = ByteBuffer.wrap(frames).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < CHAIN / 10; i++) {
                out.putShort((short) 8).putShort((short) 1).putInt(i);
            }
            client.write(frames);
            for (int i = 0; i < CHAIN / 10; i++) {
                byte[] frame = client.readFrame();
                assertEquals(i, ByteBuffer.wrap(frame, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
            }
        }
    }
}
