package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.servercore.testing.Await;
import io.servercore.testing.Frames;
import io.servercore.testing.LogLines;
import io.servercore.testing.RawClient;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The receive buffer at its maximum ({@link ServiceConfig#maxRecvBufferSize()}: twice the frame
 * limit, at least 8 KiB). A session that holds on to what it is offered may fill it, and not a
 * byte more: the byte that finds it full cuts the session with
 * {@link DisconnectReason#PROTOCOL_VIOLATION} and a WARN line giving the bytes held and the
 * capacity, and no other session notices. Frames of the largest size back to back, cut in reads
 * that end mid-frame, never fill it.
 */
@Timeout(60)
class RecvBufferLimitTest {
    private static final int MAX_FRAME = 4096;
    private static final ServiceConfig.Builder CONFIG = ServiceConfig.builder().maxFrameSize(MAX_FRAME).recvBufferSize(64);

    /** A plain session that consumes nothing: every byte it was sent stays in its buffer. */
    static final class Hoarder extends Session {
        final CountDownLatch reported = new CountDownLatch(1);
        volatile int largestOffer;
        volatile DisconnectReason reason;

        @Override
        protected int onRecv(ByteBuffer data) {
            largestOffer = Math.max(largestOffer, data.remaining());
            return 0;
        }

        @Override
        protected void onDisconnected(DisconnectReason why) {
            reason = why;
            reported.countDown();
        }
    }

    @Test
    void aSessionMayHoldItsMaximumAndTheNextByteCutsIt() throws Exception {
        int max = CONFIG.build().maxRecvBufferSize();
        assertEquals(2 * MAX_FRAME, max, "twice the frame limit");
        List<Hoarder> sessions = new CopyOnWriteArrayList<>();
        try (LogLines log = LogLines.of(Session.class);
             Loopback loopback = Loopback.start(CONFIG, () -> {
                 Hoarder session = new Hoarder();
                 sessions.add(session);
                 return session;
             });
             RawClient client = new RawClient(loopback.address());
             RawClient bystander = new RawClient(loopback.address())) {
            bystander.write(new byte[100]);
            client.write(Frames.pattern(1, max - 1));
            Await.until("the session was offered all but one byte of its maximum",
                    () -> sessions.size() == 2 && sessions.stream().anyMatch(s -> s.largestOffer == max - 1),
                    () -> sessions.stream().map(s -> s.largestOffer).toList());
            Hoarder full = sessions.stream().filter(s -> s.largestOffer == max - 1).findFirst().orElseThrow();
            Hoarder other = sessions.stream().filter(s -> s != full).findFirst().orElseThrow();
            assertTrue(!full.isClosed(), "cut before its buffer was full: " + full.disconnectReason());

            client.write(new byte[] {1});
            assertEquals(0, client.readUntilClosed().length);
            assertTrue(full.reported.await(10, TimeUnit.SECONDS));
            assertEquals(DisconnectReason.PROTOCOL_VIOLATION, full.reason);
            assertEquals(max, full.largestOffer, "the byte that filled it was offered first");
            assertEquals(List.of("session " + full.id() + " " + full.peer() + " closed: protocol violation: receive buffer full: "
                    + max + " bytes unconsumed, capacity=" + max), log.messages(Level.WARN));

            bystander.write(new byte[100]);
            Await.until("the other session was offered its 200 bytes", () -> other.largestOffer == 200);
            assertTrue(!other.isClosed(), "the other session goes on");
        }
    }

    @Test
    void framesOfTheLargestSizeBackToBackInReadsThatEndMidFrameAllComeBack() throws Exception {
        int frames = 100;
        byte[][] sent = new byte[frames][];
        for (int i = 0; i < frames; i++) {
            sent[i] = Frames.frame(i, Frames.pattern(i, MAX_FRAME - 4));
        }
        byte[] stream = Frames.concat(sent);
        try (Loopback loopback = Loopback.start(CONFIG, Loopback.EchoSession::new);
             RawClient client = new RawClient(loopback.address())) {
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int at = 0; at < stream.length; at += MAX_FRAME - 1) {
                        client.write(stream, at, Math.min(MAX_FRAME - 1, stream.length - at));
                    }
                } catch (Throwable t) {
                    writeFailure.set(t);
                }
            }, "writer");
            writer.start();
            for (int i = 0; i < frames; i++) {
                assertArrayEquals(sent[i], client.readFrame(), "frame " + i);
            }
            writer.join(10_000);
            assertEquals(null, writeFailure.get());
            assertEquals(1, loopback.server.sessionCount(), "the session is open");
        }
    }
}
