package io.servercore.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.benchmarks.load.NeutralLoad;
import io.servercore.gameserver.GameServer;
import io.servercore.gameserver.GameServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Compare reads from the neutral generator: its JSON report (written out by hand here in
 * its format) as steady figures and losses, and its progress lines, checked against those of a
 * real run so that the format Compare parses is the one the generator prints.
 */
class NeutralRunTest {
    private static final String JSON = """
            {
              "generator": "neutral",
              "mode": "chat",
              "run": {"host": "127.0.0.1", "port": 1, "sessions": 10, "roomSize": 5, "rate": 2, "seconds": 3},
              "totals": {"sessions": 10, "ready": 9, "asked": 60, "sent": 58, "held": 2, "predicted": 290,
                "delivered": 280, "echoed": 57, "roundTrips": 0, "lost": 10, "outOfOrder": 1, "gaps": 0, "untracked": 0,
                "sErrors": 2, "errorsByCode": {"3": 2}, "closed": 1, "malformed": 0, "foreign": 0, "drainMs": 5000},
              "steady": {"seconds": 2, "asked": 40, "sent": 38, "sentPercent": 95, "keptUp": true, "perSecond": 95,
                "cpuMs": 12.5, "allocatedBytes": 100,
                "deliveryLatencyMs": {"count": 170, "p50": 2, "p90": 9, "p99": 20, "p99_9": 20.5, "max": 20.5},
                "ownEchoLatencyMs": {"count": 38, "p50": 1.5, "p90": 8, "p99": 10, "p99_9": 10, "max": 10},
                "sendLagMs": {"count": 38, "p50": 0.1, "p90": 0.2, "p99": 0.5, "p99_9": 0.5, "max": 0.5}},
              "seconds": [
                {"second": 0, "warmUp": true, "delivered": 90, "asked": 20, "sent": 20, "p50Ms": 9, "p99Ms": 90,
                  "ownEchoP50Ms": 8, "ownEchoP99Ms": 80, "lagP99Ms": 1, "errors": 0},
                {"second": 1, "warmUp": false, "delivered": 100, "asked": 20, "sent": 20, "p50Ms": 1.5, "p99Ms": 12.25,
                  "ownEchoP50Ms": 1.25, "ownEchoP99Ms": 10, "lagP99Ms": 0.5, "errors": 1},
                {"second": 2, "warmUp": false, "delivered": 90, "asked": 20, "sent": 18, "p50Ms": 2.5, "p99Ms": 20.5,
                  "ownEchoP50Ms": 2.25, "ownEchoP99Ms": null, "lagP99Ms": 0.5, "errors": 2}
              ],
              "failures": ["10 deliveries lost", "e.g. session 3 closed: the server closed the connection"]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void steadyFiguresAreTheSecondsAfterTheWarmUpEveryOneComplete() {
        NeutralRun r = NeutralRun.of(JSON, 1);
        assertEquals(3, r.seconds().size());
        assertEquals(2, r.steady(1).size(), "the generator's seconds are whole: none is dropped at the end");
        assertEquals(95, r.steadyRate(1), 1e-9);
        assertEquals(20.5, r.steadyP99(1), "the worst steady second's p99");
        assertEquals(2.0, r.steadyP50(1), "the median of 1.5 and 2.5");
        assertEquals(1.75, r.steadyEchoP50(1), "the median of 1.25 and 2.25");
        assertEquals(10, r.steadyEchoP99(1), "a second without own-echo samples is left out, not a NaN for all");
        assertEquals(95, r.steadyAchieved(1), 1e-9, "38 sent of 40 asked");
        assertEquals(0, r.lateSkipped(), "the neutral generator sends late chats late, it skips none");
        assertEquals(0.5, r.sendLagP99(), "the steady sends' lag, from the report");
        assertEquals(1, r.exitStatus());
    }

    @Test
    void lossesAreNamedAsTheClimbNamesThem() {
        NeutralRun r = NeutralRun.of(JSON, 1);
        assertEquals(List.of("1 chats not back to their sender", "280 deliveries where the room sizes predict 290",
                "1 chats out of sender order", "2 chats held back, server not reading", "1 sessions dropped",
                "2 S_Error received", "1 sessions not in their room"), r.chatLosses(10));
        assertEquals(List.of("10 deliveries lost", "e.g. session 3 closed: the server closed the connection"),
                r.failures());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theProgressLinesOfARealRunAreReadAsItsReportSaysThem() throws Exception {
        try (GameServer server = GameServer.start(new GameServerConfig("127.0.0.1", 0, 1, 10_000, 4096, 1000, 1024, 0,
                0, 4L << 20, 60_000, 0))) {
            String port = String.valueOf(server.address().getPort());
            for (String mode : List.of("chat", "echo")) {
                Path json = dir.resolve(mode + ".json");
                StringWriter out = new StringWriter();
                List<String> args = mode.equals("chat")
                        ? List.of("chat", "--sessions", "4", "--room-size", "2", "--rate", "10", "--seconds", "2")
                        : List.of("echo", "--sessions", "2", "--window", "2", "--seconds", "2");
                String[] argv = new java.util.ArrayList<String>(args) {
                    {
                        addAll(List.of("--warm-up", "1", "--port", port, "--json", json.toString()));
                    }
                }.toArray(new String[0]);

                assertEquals(0, NeutralLoad.run(argv, new PrintWriter(out, true), new PrintWriter(out, true)),
                        out.toString());

                List<LoadRun.Second> fromLines = NeutralRun.parse(out.toString().lines().toList());
                List<LoadRun.Second> fromReport = NeutralRun.of(Files.readString(json, StandardCharsets.UTF_8), 0)
                        .seconds();
                assertEquals(2, fromLines.size(), mode + ":\n" + out);
                for (int i = 0; i < 2; i++) {
                    assertEquals(fromReport.get(i).rate(), fromLines.get(i).rate(), mode + " second " + i);
                    assertEquals(fromReport.get(i).sent(), fromLines.get(i).sent(), mode + " second " + i);
                    assertEquals(fromReport.get(i).p99(), fromLines.get(i).p99(), 0.0005, mode + " second " + i);
                    assertTrue(fromLines.get(i).rate() > 0, mode + " second " + i + " received something");
                }
            }
        }
    }
}
