package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.servercore.buffer.SendBuffer;
import io.servercore.testing.Frames;
import io.servercore.testing.LogLines;
import io.servercore.testing.RawClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The send queue's slice limit ({@link ServiceConfig#sendQueueCapacity()}): a session may have
 * that many slices queued and no more. One more cuts the session with
 * {@link DisconnectReason#OUTBOUND_LIMIT} and one WARN line naming the peer and the limit; the
 * refused slice and every queued one are released (the pool check after each test).
 *
 * <p>Sends made while a session's own receive is handled are written when it ends, so a burst
 * sent from {@code onRecvPacket} sits in the queue whole: the limit is reached on purpose, not
 * by racing the writer.
 */
@Timeout(60)
class SendQueueSliceLimitTest {
    /** The least sendQueueCapacity a config takes. */
    private static final int CAPACITY = 32;

    /** On a frame carrying {@code n}, sends {@code n} frames (ids 0 to n-1) back from its receive path. */
    static final class Burst extends Probe {
        final List<Boolean> queued = new CopyOnWriteArrayList<>();
        final List<SendBuffer> refused = new CopyOnWriteArrayList<>();

        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            super.onRecvPacket(id, payload);
            int n = payload.getInt();
            for (int i = 0; i < n; i++) {
                SendBuffer slice = Loopback.frame(i, Frames.pattern(i, 4));
                boolean accepted = send(slice);
                queued.add(accepted);
                if (!accepted) {
                    refused.add(slice);
                }
            }
        }
    }

    private static byte[] ask(int n) {
        return Frames.frame(1, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, n).array());
    }

    private static Loopback start(List<Burst> sessions) throws Exception {
        return Loopback.start(ServiceConfig.builder().sendQueueCapacity(CAPACITY), () -> {
            Burst session = new Burst();
            sessions.add(session);
            return session;
        });
    }

    @Test
    void aSessionMayHaveAsManySlicesQueuedAsTheLimit() throws Exception {
        List<Burst> sessions = new CopyOnWriteArrayList<>();
        try (Loopback loopback = start(sessions); RawClient client = new RawClient(loopback.address())) {
            client.write(ask(CAPACITY));
            for (int i = 0; i < CAPACITY; i++) {
                assertEquals(Frames.frame(i, Frames.pattern(i, 4)).length, client.readFrame().length, "frame " + i);
            }
            Burst session = sessions.get(0);
            assertEquals(List.of(), session.queued.stream().filter(q -> !q).toList(), "refused sends");
            assertTrue(!session.isClosed(), "closed: " + session.disconnectReason());
        }
    }

    @Test
    void oneSliceBeyondTheLimitCutsTheSessionAndReleasesEverySlice() throws Exception {
        List<Burst> sessions = new CopyOnWriteArrayList<>();
        try (LogLines log = LogLines.of(Session.class); Loopback loopback = start(sessions);
             RawClient client = new RawClient(loopback.address());
             RawClient bystander = new RawClient(loopback.address())) {
            client.write(ask(CAPACITY + 1));
            client.readUntilClosed();
            Burst session = sessions.get(0);
            assertTrue(session.reported.await(10, TimeUnit.SECONDS));
            assertEquals(DisconnectReason.OUTBOUND_LIMIT, session.reason);
            List<Boolean> expected = new ArrayList<>();
            for (int i = 0; i < CAPACITY; i++) {
                expected.add(true);
            }
            expected.add(false);
            assertEquals(expected, session.queued, "send's answers");
            assertEquals(0, session.refused.get(0).refCnt(), "the refused slice was released");
            assertEquals(List.of("session " + session.id() + " " + session.peer() + " closed: outbound limit exceeded: queued="
                    + CAPACITY + " slices, max=" + CAPACITY), log.messages(Level.WARN));

            bystander.write(ask(3));
            for (int i = 0; i < 3; i++) {
                bystander.readFrame();
            }
            assertTrue(!sessions.get(1).isClosed(), "the other session goes on");
        }
    }
}
