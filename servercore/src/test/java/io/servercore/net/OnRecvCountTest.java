package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.servercore.buffer.SendBufferManager;
import io.servercore.testing.Await;
import io.servercore.testing.ExpectedErrorLog;
import io.servercore.testing.Frames;
import io.servercore.testing.LogLines;
import io.servercore.testing.RawClient;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The count {@link Session#onRecv} returns is how many of the offered bytes it consumed: 0 to
 * all of them. What it leaves is offered again with more behind it; a count outside that range
 * is a bug in the handler, and closes that session with {@link DisconnectReason#HANDLER_ERROR}
 * and one ERROR line giving the count and the range, instead of corrupting the buffer.
 */
@Timeout(60)
class OnRecvCountTest {
    private static final int RECORD = 10;

    /** A plain session whose onRecv returns {@code count} applied to the bytes offered. */
    static class Counting extends Session {
        final List<Integer> offered = new CopyOnWriteArrayList<>();
        final CountDownLatch reported = new CountDownLatch(1);
        private final IntUnaryOperator count;
        volatile DisconnectReason reason;

        Counting(IntUnaryOperator count) {
            this.count = count;
        }

        @Override
        protected int onRecv(ByteBuffer data) {
            offered.add(data.remaining());
            return count.applyAsInt(data.remaining());
        }

        @Override
        protected void onDisconnected(DisconnectReason why) {
            reason = why;
            reported.countDown();
        }
    }

    /** Counts outside 0 to what was offered. */
    enum BadCount {
        MINUS_ONE(available -> -1),
        ONE_MORE_THAN_OFFERED(available -> available + 1),
        MIN_VALUE(available -> Integer.MIN_VALUE),
        MAX_VALUE(available -> Integer.MAX_VALUE);

        final IntUnaryOperator count;

        BadCount(IntUnaryOperator count) {
            this.count = count;
        }
    }

    @ParameterizedTest
    @EnumSource(BadCount.class)
    @ExpectedErrorLog(logger = Session.class, message = "onRecv threw; closing the session")
    void aCountOutsideWhatWasOfferedClosesTheSessionWithHandlerError(BadCount bad) throws Exception {
        List<Counting> sessions = new CopyOnWriteArrayList<>();
        try (LogLines log = LogLines.of(Session.class);
             Loopback loopback = Loopback.start(() -> {
                 Counting session = new Counting(bad.count);
                 sessions.add(session);
                 return session;
             });
             RawClient client = new RawClient(loopback.address())) {
            client.write(new byte[] {1, 2, 3, 4, 5});
            assertEquals(0, client.readUntilClosed().length);
            Counting session = sessions.get(0);
            assertTrue(session.reported.await(10, TimeUnit.SECONDS));
            assertEquals(DisconnectReason.HANDLER_ERROR, session.reason);
            assertEquals(1, session.offered.size(), "offered once, then closed: " + session.offered);
            int offered = session.offered.get(0);
            List<String> errors = log.messagesWithThrowables(Level.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).endsWith("java.lang.IllegalStateException: onRecv consumed="
                    + bad.count.applyAsInt(offered) + ", min=0, max=" + offered), errors.get(0));
        }
    }

    /**
     * A session that consumes whole 10-byte records and echoes them: what it leaves is offered
     * again, in front of the bytes that arrive next, and nothing is lost or repeated.
     */
    @Test
    void bytesLeftUnconsumedAreOfferedAgainWithTheNextBytesBehindThem() throws Exception {
        List<Counting> sessions = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(() -> {
            Counting[] self = new Counting[1];
            self[0] = new Counting(available -> available / RECORD * RECORD) {
                @Override
                protected int onRecv(ByteBuffer data) {
                    int consumed = super.onRecv(data.duplicate());
                    if (consumed > 0) {
                        ByteBuffer records = data.duplicate();
                        records.limit(records.position() + consumed);
                        send(SendBufferManager.shared().copyOf(records));
                    }
                    return consumed;
                }
            };
            sessions.add(self[0]);
            return self[0];
        }); RawClient client = new RawClient(loopback.address())) {
            byte[] stream = Frames.pattern(3, 3 * RECORD);
            client.write(stream, 0, 3);
            Await.until("3 bytes offered", () -> !sessions.isEmpty() && sessions.get(0).offered.contains(3));
            client.write(stream, 3, 4);
            Counting session = sessions.get(0);
            Await.until("the 3 kept bytes offered again with the next 4", () -> session.offered.contains(7),
                    () -> session.offered);
            client.write(stream, 7, 18);
            assertArrayEquals(Arrays.copyOfRange(stream, 0, 2 * RECORD), client.read(2 * RECORD),
                    "two whole records, in order");
            client.write(stream, 25, 5);
            assertArrayEquals(Arrays.copyOfRange(stream, 2 * RECORD, 3 * RECORD), client.read(RECORD),
                    "the 5 kept bytes and the last 5 make the third record");
            assertTrue(!session.isClosed(), "closed: " + session.disconnectReason());
        }
    }
}
