package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.net.DisconnectReason;
import io.servercore.testing.Await;
import io.servercore.testing.Frames;
import io.servercore.testing.RawClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Prometheus endpoint: {@code /metrics} counts exactly what a scripted session did, has the
 * JVM's series, and is clean by {@code promtool check metrics} (skipped, saying how to install it,
 * where promtool is missing; required in CI); {@code /health} answers 200 while the server accepts and 503 from
 * the moment a graceful shutdown begins.
 */
@Timeout(60)
class MetricsEndpointTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void metricsCountExactlyWhatAScriptedSessionDid() throws Exception {
        GameServer server = GameServer.start(TestServers.config(), null, ANY_LOOPBACK_PORT);
        try (GameClient alice = new GameClient(server.address())) {
            long aliceRead;
            long bobWrote;
            long bobRead;
            try (GameClient bob = new GameClient(server.address())) {
                alice.enter("lobby", "alice");               // in: C_EnterRoom     out: S_EnterRoom
                bob.enter("lobby", "bob");                   // in: C_EnterRoom     out: S_EnterRoom
                alice.expect(S_BroadcastEnter.class);        //                     out: S_BroadcastEnter
                alice.send(new C_Chat("hello, metrics"));    // in: C_Chat
                alice.expect(S_Chat.class);                  //                     out: S_Chat
                bob.expect(S_Chat.class);                    //                     out: S_Chat
                alice.send(new C_Ping(7));                   // in: C_Ping
                alice.expect(S_Pong.class);                  //                     out: S_Pong
                bobWrote = bob.bytesWritten();
                bobRead = bob.bytesRead();
            }                                                // bob closes: PEER_CLOSED
            alice.expect(S_BroadcastLeave.class);            //                     out: S_BroadcastLeave
            aliceRead = alice.bytesRead();
            byte[] sizeTwo = Frames.header(2, 1, new byte[0]);
            try (RawClient hostile = new RawClient(server.address())) {
                hostile.write(sizeTwo);                      // a frame of size 2: PROTOCOL_VIOLATION
                assertEquals(0, hostile.readUntilClosed().length);
            }

            InetSocketAddress endpoint = server.metricsAddress();
            // The server counts a write when it completes, which its client may see first, and releases its
            // slices just after: wait for the last write to be counted and its slices to be back.
            AtomicReference<Scrape> last = new AtomicReference<>();
            Await.until("the last packets and the violation are counted", () -> {
                Scrape scrape = scrape(endpoint);
                last.set(scrape);
                return scrape.count("servercore_packets_sent_total") == 7
                        && scrape.count(disconnects(DisconnectReason.PROTOCOL_VIOLATION)) == 1
                        && scrape.count("servercore_send_buffer_slices") == 0
                        && scrape.count("servercore_outbound_queued_bytes") == 0;
            }, () -> last.get() == null ? "no scrape" : last.get().body());
            Scrape m = last.get();

            assertEquals(3, m.count("servercore_sessions_accepted_total"), m.body());
            assertEquals(1, m.count("servercore_sessions"), "alice is still in: " + m.body());
            assertEquals(0, m.count("servercore_sessions_refused_total"), m.body());
            for (DisconnectReason reason : DisconnectReason.values()) {
                long expected = reason == DisconnectReason.PEER_CLOSED || reason == DisconnectReason.PROTOCOL_VIOLATION
                        ? 1 : 0;
                assertEquals(expected, m.count(disconnects(reason)), reason + ": " + m.body());
            }
            assertEquals(4, m.count("servercore_packets_received_total"), m.body());
            assertEquals(alice.bytesWritten() + bobWrote + sizeTwo.length, m.count("servercore_bytes_received_total"),
                    m.body());
            assertEquals(7, m.count("servercore_packets_sent_total"), m.body());
            assertEquals(aliceRead + bobRead, m.count("servercore_bytes_sent_total"), m.body());
            assertEquals(1, m.count("gameserver_rooms"), m.body());
            // The histogram of gathering writes: 7 packets in as many writes as they took, at most 7.
            long writes = m.count("servercore_gathering_write_slices_count");
            assertTrue(writes >= 1 && writes <= 7, m.body());
            assertEquals(7, m.count("servercore_gathering_write_slices_sum"), m.body());
            assertEquals(writes, m.count("servercore_gathering_write_slices_bucket{le=\"+Inf\"}"), m.body());
            assertEquals(writes, m.count("servercore_gathering_write_slices_bucket{le=\"1024.0\"}"), m.body());
            assertTrue(m.body().contains("# TYPE servercore_gathering_write_slices histogram"), m.body());
            assertTrue(m.body().contains("# TYPE servercore_bytes_sent_total counter"), m.body());
            assertTrue(m.body().contains("# TYPE servercore_sessions gauge"), m.body());
            // The JVM's own series, from the client's instrumentation.
            assertTrue(m.value("jvm_memory_used_bytes{area=\"heap\"}") > 0, m.body());
            assertTrue(m.value("jvm_threads_current") > 0, m.body());
            assertTrue(m.samples().keySet().stream().anyMatch(k -> k.startsWith("jvm_gc_collection_seconds_count")),
                    m.body());

            Promtool.checkMetrics(Promtool.require(), m.body());
        } finally {
            server.close();
        }
    }

    @Test
    void healthIsOkWhileAcceptingAndAnythingElseIsNotFound() throws Exception {
        try (GameServer server = GameServer.start(TestServers.config(), null, ANY_LOOPBACK_PORT)) {
            Scrape health = Scrape.get(server.metricsAddress(), "/health");
            assertEquals(200, health.status());
            assertEquals("accepting\n", health.body());
            assertEquals(404, Scrape.get(server.metricsAddress(), "/").status());
            assertEquals(404, Scrape.get(server.metricsAddress(), "/healthz").status());
        }
    }

    /**
     * A player whose socket takes 4 KiB and who never reads holds the graceful shutdown: the
     * server's notice waits behind the chats it could not write. Meanwhile {@code /health} must say
     * 503; once the player goes, the shutdown ends and the endpoint with it.
     */
    @Test
    void healthTurns503WhenAGracefulShutdownBeginsAndTheEndpointStopsWithTheServer() throws Exception {
        GameServerConfig noRateLimit = new GameServerConfig("127.0.0.1", 0, 2, 100, 4096, 1000, 1024, 0, 0,
                4L << 20, 60_000, 0);
        GameServer server = GameServer.start(noRateLimit, null, ANY_LOOPBACK_PORT);
        InetSocketAddress endpoint = server.metricsAddress();
        Thread stopper = new Thread(() -> server.shutdown(Duration.ofSeconds(50)), "stopper");
        try (GameClient deaf = new GameClient(server.address(), 4096)) {
            deaf.enter("lobby", "deaf");
            // Its own chats come back to it; it reads none, until the kernel's buffers are full and the
            // server holds more than a write in flight would (well under the 4 MiB outbound limit).
            C_Chat chat = new C_Chat("x".repeat(1000));
            long held = 256 * 1024;
            for (int i = 0; i < 10_000 && scrape(endpoint).count("servercore_outbound_queued_bytes") < held; i++) {
                for (int j = 0; j < 100; j++) {
                    deaf.send(chat);
                }
            }
            assertTrue(scrape(endpoint).count("servercore_outbound_queued_bytes") >= held, "the server holds bytes");
            assertEquals(1, scrape(endpoint).count("servercore_sessions"), "the deaf player is still in");
            assertEquals(200, Scrape.get(endpoint, "/health").status());

            stopper.start();
            Await.until("/health answers 503", () -> health(endpoint) == 503);
            assertEquals("shutting down\n", Scrape.get(endpoint, "/health").body());
            assertTrue(stopper.isAlive(), "the shutdown waits for the deaf player");
            deaf.raw().reset();
            stopper.join(20_000);
            assertTrue(!stopper.isAlive(), "the shutdown ended once the player was gone");
            assertThrows(ConnectException.class, () -> Scrape.get(endpoint, "/health"), "the endpoint stopped");
        } finally {
            server.close();
            stopper.join(20_000);
        }
    }

    private static Scrape scrape(InetSocketAddress endpoint) {
        try {
            return Scrape.metrics(endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int health(InetSocketAddress endpoint) {
        try {
            return Scrape.get(endpoint, "/health").status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String disconnects(DisconnectReason reason) {
        return "servercore_disconnects_total{reason=\"" + reason.name().toLowerCase(Locale.ROOT) + "\"}";
    }
}
