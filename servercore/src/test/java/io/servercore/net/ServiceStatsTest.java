package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Await;
import io.servercore.testing.Frames;
import io.servercore.testing.RawClient;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A service counts exactly what its sessions did: sessions, disconnects by reason, bytes and packets. */
@Timeout(60)
class ServiceStatsTest {

    @Test
    void countsExactlyWhatTwoScriptedClientsDid() throws Exception {
        // Frames of 4 + 10, 4 + 20 and 4 + 300 bytes; the echo server sends each back as it came.
        byte[] a = Frames.frame(1, Frames.pattern(1, 10));
        byte[] b = Frames.frame(2, Frames.pattern(2, 20));
        byte[] c = Frames.frame(3, Frames.pattern(3, 300));
        int bytes = a.length + b.length + c.length;
        try (Loopback loopback = Loopback.start(ServiceConfig.builder(), Loopback.EchoSession::new)) {
            ServiceStats stats = loopback.server.stats();
            try (RawClient client = new RawClient(loopback.address())) {
                client.write(Frames.concat(a, b));
                client.write(c);
                assertArrayEquals(a, client.readFrame());
                assertArrayEquals(b, client.readFrame());
                assertArrayEquals(c, client.readFrame());
                assertEquals(1, stats.sessions());
                // The echo's write is counted when it completes, which the client may see before it is counted.
                Await.until("the echoes are counted", () -> stats.bytesSent() == bytes, () -> describe(stats));
            }
            Await.until("the close is reported", () -> stats.disconnects(DisconnectReason.PEER_CLOSED) == 1,
                    () -> describe(stats));

            try (RawClient broken = new RawClient(loopback.address())) {
                broken.write(Frames.header(2, 9, new byte[0])); // size 2: below the header
                assertEquals(0, broken.readUntilClosed().length);
            }
            Await.until("the violation is reported",
                    () -> stats.disconnects(DisconnectReason.PROTOCOL_VIOLATION) == 1, () -> describe(stats));

            assertEquals(2, stats.sessionsOpened(), describe(stats));
            assertEquals(0, stats.sessions(), describe(stats));
            assertEquals(0, stats.sessionsRefused(), describe(stats));
            assertEquals(bytes + 4, stats.bytesReceived(), describe(stats));
            assertEquals(3, stats.packetsReceived(), describe(stats));
            assertEquals(bytes, stats.bytesSent(), describe(stats));
            assertEquals(3, stats.packetsSent(), describe(stats));
            long writes = Arrays.stream(stats.writeSizes()).sum();
            // Three echoes left in one, two or three writes, as the reads and the I/O threads fell.
            assertTrue(writes >= 1 && writes <= 3, describe(stats));
            for (DisconnectReason reason : DisconnectReason.values()) {
                if (reason != DisconnectReason.PEER_CLOSED && reason != DisconnectReason.PROTOCOL_VIOLATION) {
                    assertEquals(0, stats.disconnects(reason), reason + ": " + describe(stats));
                }
            }
            assertEquals(0, stats.queuedBytes());
        }
    }

    @Test
    void aConnectionBeyondMaxSessionsCountsAsRefused() throws Exception {
        byte[] ping = Frames.frame(10, Frames.pattern(10, 8));
        try (Loopback loopback = Loopback.start(ServiceConfig.builder().maxSessions(1), Loopback.EchoSession::new);
             RawClient member = new RawClient(loopback.address())) {
            member.write(ping);
            assertArrayEquals(ping, member.readFrame());
            try (RawClient refused = new RawClient(loopback.address())) {
                assertEquals(0, refused.readUntilClosed().length);
            }
            ServiceStats stats = loopback.server.stats();
            Await.until("the refusal is counted", () -> stats.sessionsRefused() == 1, () -> describe(stats));
            assertEquals(1, stats.sessionsOpened(), describe(stats));
            assertEquals(1, stats.sessions(), describe(stats));
        }
    }

    @Test
    void writeSizesFallIntoPowerOfTwoBucketsUpToMaxGather() throws IOException {
        try (IoCore core = new IoCore("stats", 1)) {
            ServerService service = ServerService.start(core,
                    ServiceConfig.builder().host("127.0.0.1").port(0).build(), Loopback.EchoSession::new);
            ServiceStats stats = service.stats();
            // On the test's thread, not an I/O thread: these go to the shared stripe.
            int[] sizes = {1, 2, 3, 4, 5, 8, 9, 512, 513, 1023, 1024};
            for (int slices : sizes) {
                stats.written(slices, 100L * slices);
            }
            //                          <=1 <=2 <=4 <=8 <=16 <=32 <=64 <=128 <=256 <=512 <=1024
            assertArrayEquals(new long[] {1, 1, 2, 2, 1, 0, 0, 0, 0, 1, 3}, stats.writeSizes());
            assertEquals(Arrays.stream(sizes).sum(), stats.packetsSent());
            assertEquals(100L * Arrays.stream(sizes).sum(), stats.bytesSent());
            assertEquals(11, ServiceStats.WRITE_SIZE_BUCKETS);
            assertEquals(1, ServiceStats.writeSizeBound(0));
            assertEquals(Session.MAX_GATHER, ServiceStats.writeSizeBound(ServiceStats.WRITE_SIZE_BUCKETS - 1));
            assertThrows(IllegalArgumentException.class, () -> ServiceStats.writeSizeBound(11));
        }
    }

    private static String describe(ServiceStats s) {
        StringBuilder out = new StringBuilder("sessions=" + s.sessions() + " opened=" + s.sessionsOpened() + " refused="
                + s.sessionsRefused() + " bytesIn=" + s.bytesReceived() + " packetsIn=" + s.packetsReceived()
                + " bytesOut=" + s.bytesSent() + " packetsOut=" + s.packetsSent() + " writes="
                + Arrays.toString(s.writeSizes()) + " disconnects:");
        for (DisconnectReason reason : DisconnectReason.values()) {
            out.append(' ').append(reason).append('=').append(s.disconnects(reason));
        }
        return out.toString();
    }
}
