package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.servercore.testing.Await;
import io.servercore.testing.Frames;
import io.servercore.testing.RawClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frame cutting through a real socket, against an echoing {@link PacketSession}. */
@Timeout(60)
class PacketSessionFramingTest {
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private Loopback loopback;

    @BeforeEach
    void start() throws Exception {
        loopback = Loopback.start(ServiceConfig.builder().maxFrameSize(4096), () -> {
            Loopback.EchoSession session = new Loopback.EchoSession();
            sessions.add(session);
            return session;
        });
    }

    @AfterEach
    void stop() {
        loopback.close();
    }

    @Test
    void oneFrameFedOneByteAtATimeArrivesWhole() throws Exception {
        byte[] frame = Frames.frame(42, Frames.pattern(1, 300));
        try (RawClient client = new RawClient(loopback.address())) {
            for (int i = 0; i < frame.length; i++) {
                client.write(frame, i, 1);
            }
            assertArrayEquals(frame, client.readFrame());
        }
    }

    @Test
    void aThousandSmallFramesInOneWriteAllComeBackInOrder() throws Exception {
        byte[][] frames = new byte[1000][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Frames.frame(i, Frames.pattern(i, i % 13));
        }
        try (RawClient client = new RawClient(loopback.address())) {
            client.write(Frames.concat(frames));
            for (int i = 0; i < frames.length; i++) {
                assertArrayEquals(frames[i], client.readFrame(), "frame " + i);
            }
        }
    }

    @Test
    void threeFramesSplitAtEveryOffsetArriveWhole() throws Exception {
        byte[] a = Frames.frame(1, Frames.pattern(1, 5));
        byte[] b = Frames.frame(2, new byte[0]);
        byte[] c = Frames.frame(3, Frames.pattern(3, 17));
        byte[] all = Frames.concat(a, b, c);
        try (RawClient client = new RawClient(loopback.address())) {
            for (int split = 1; split < all.length; split++) {
                client.write(all, 0, split);
                client.write(all, split, all.length - split);
                assertArrayEquals(a, client.readFrame(), "split " + split);
                assertArrayEquals(b, client.readFrame(), "split " + split);
                assertArrayEquals(c, client.readFrame(), "split " + split);
            }
        }
    }

    @Test
    void aFrameOfExactlyTheInboundLimitIsAccepted() throws Exception {
        byte[] frame = Frames.frame(9, Frames.pattern(9, 4096 - 4));
        try (RawClient client = new RawClient(loopback.address())) {
            client.write(frame);
            assertArrayEquals(frame, client.readFrame());
        }
    }

    @ParameterizedTest(name = "size={0}")
    @ValueSource(ints = {0, 1, 2, 3, 4097, 65535})
    void aBadSizeClosesThatSessionAndNoOther(int size) throws Exception {
        byte[] good = Frames.frame(5, Frames.pattern(5, 10));
        try (RawClient bystander = new RawClient(loopback.address());
             RawClient attacker = new RawClient(loopback.address())) {
            bystander.write(good);
            assertArrayEquals(good, bystander.readFrame());

            attacker.write(good);
            assertArrayEquals(good, attacker.readFrame());
            attacker.write(Frames.header(size, 1, new byte[8]));
            assertEquals(0, attacker.readUntilClosed().length, "the bad frame is not answered");

            Await.until("the attacker's session reported", () -> sessions.stream()
                    .anyMatch(s -> s.disconnectReason() == DisconnectReason.PROTOCOL_VIOLATION
                            && loopback.server.session(s.id()) == null));
            bystander.write(good);
            assertArrayEquals(good, bystander.readFrame(), "the other session goes on");
            assertEquals(1, loopback.server.sessionCount());
        }
    }
}
