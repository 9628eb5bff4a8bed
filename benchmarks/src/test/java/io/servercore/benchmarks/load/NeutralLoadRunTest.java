package io.servercore.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.GameServer;
import io.servercore.gameserver.GameServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator against a real gameserver started in this JVM, for a second or two: every
 * delivery the room sizes predict arrives, each sender's order holds, every delivery and own
 * echo is timed, and the JSON summary says so and reads back. No figure's size is asserted:
 * speed belongs in the benchmark.
 */
class NeutralLoadRunTest {
    @TempDir
    Path dir;

    private GameServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws IOException {
        server = GameServer.start(new GameServerConfig("127.0.0.1", 0, 1, 10_000, 4096, 1000, 1024, 0, 0, 4L << 20,
                60_000, 0));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private int port() {
        return server.address().getPort();
    }

    private Report run(String... args) throws IOException {
        Path json = dir.resolve("summary.json");
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--port", String.valueOf(port()), "--json", json.toString()}, 0, all,
                args.length, 4);
        int status = NeutralLoad.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        Report r = Report.parse(Files.readString(json, StandardCharsets.UTF_8));
        assertEquals(r.failures().isEmpty() ? 0 : NeutralLoad.FAILED, status, out + "\n" + err);
        return r;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyPredictedDeliveryArrivesInOrderAndIsTimed() throws IOException {
        // 20 sessions in 4 rooms of 5, 20 chats/s each, for 2 s, the first left out of the steady figures
        Report r = run("chat", "--sessions", "20", "--room-size", "5", "--rate", "20", "--payload", "40",
                "--seconds", "2", "--warm-up", "1");

        assertEquals(java.util.List.of(), r.failures(), out.toString());
        Report.Totals t = r.totals();
        assertEquals(20, t.ready());
        assertTrue(t.sent() > 0, "chats were sent");
        assertEquals(t.sent(), t.echoed(), "every chat came back to its sender");
        assertEquals(5 * t.sent(), t.predicted(), "each chat to the 5 of its room");
        assertEquals(t.predicted(), t.delivered());
        assertEquals(0, t.lost());
        assertEquals(0, t.outOfOrder());
        assertEquals(0, t.gaps());
        assertEquals(0, t.sErrors() + t.closed() + t.malformed() + t.foreign());

        Report.Steady s = r.steady();
        assertEquals(1, s.seconds());
        assertTrue(s.ownEcho().count() > 0, "own echoes of chats due in the steady second were timed");
        assertEquals(4 * s.ownEcho().count(), s.latency().count(),
                "each chat timed at the 4 other members of its room as at its sender");
        assertTrue(s.latency().p50() <= s.latency().p99() && s.latency().p99() <= s.latency().max(), s.toString());
        assertEquals(2, r.seconds().size());
        assertTrue(r.seconds().get(0).warmUp() && !r.seconds().get(1).warmUp());
        assertEquals(5, ((Number) r.run().get("roomSize")).intValue(), "the settings are in the summary");
        assertTrue(out.toString().contains("nothing went wrong"), out.toString());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void echoAnswersEveryPingAndTimesTheRoundTrips() throws IOException {
        Report r = run("echo", "--sessions", "4", "--window", "4", "--seconds", "1", "--warm-up", "0");

        assertEquals(java.util.List.of(), r.failures(), out.toString());
        assertEquals("echo", r.mode());
        assertTrue(r.totals().roundTrips() > 0);
        assertEquals(r.totals().sent(), r.totals().roundTrips(), "every C_Ping answered after the drain");
        assertEquals(0, r.totals().lost());
        assertTrue(r.steady().latency().count() > 0, "round trips timed");
        assertEquals(1, r.seconds().size());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void noServerIsAFailureInWordsNotAHang() throws IOException {
        InetSocketAddress closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) s.getLocalSocketAddress();
        }
        Path json = dir.resolve("refused.json");

        int status = NeutralLoad.run(new String[] {"echo", "--port", String.valueOf(closed.getPort()), "--sessions",
            "3", "--seconds", "1", "--warm-up", "0", "--json", json.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertEquals(NeutralLoad.FAILED, status);
        Report r = Report.parse(Files.readString(json, StandardCharsets.UTF_8));
        assertEquals("only 0 of 3 sessions connected (3 closed on the way; --ready-timeout 60 s)", r.failures().get(0));
        assertEquals(3, r.totals().closed());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("e.g. session 0 closed: cannot connect to")),
                r.failures().toString());
        assertTrue(r.seconds().isEmpty(), "no load ran");
        assertNull(r.run().get("rate"));
        assertFalse(out.toString().contains("nothing went wrong"));
    }
}
