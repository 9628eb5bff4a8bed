package io.servercore.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Compare reads from the swarm: the progress lines (rate, chats sent and asked, the
 * second's p50 and p99, "-" for a second without samples), the steady seconds, and the JSON's
 * figures and failures. The lines and the JSON are written out by hand in the swarm's format.
 */
class SwarmOutputTest {
    private static final List<String> CHAT_LINES = List.of(
            "[    0s] ramp   | open 10, ready 10 of 10 | chats 0/s of 0/s | delivered 0/s of 0/s predicted | p50 - | p99 - "
                    + "| errors 0 | disconnects 0 | queued 0 B",
            "[    1s] load   | open 10, ready 10 of 10 | chats 90/s of 100/s | delivered 900/s of 900/s predicted "
                    + "| p50 9.000 ms | p99 90.000 ms | errors 0 | disconnects 0 | queued 0 B",
            "[    2s] load   | open 10, ready 10 of 10 | chats 100/s of 100/s | delivered 1000/s of 1000/s predicted "
                    + "| p50 1.500 ms | p99 12.250 ms | errors 0 | disconnects 0 | queued 0 B",
            "[    3s] load   | open 10, ready 10 of 10 | chats 98/s of 100/s | delivered 980/s of 980/s predicted "
                    + "| p50 2.500 ms | p99 20.500 ms | errors 0 | disconnects 0 | queued 0 B",
            "[    4s] load   | open 10, ready 10 of 10 | chats 102/s of 100/s | delivered 1020/s of 1020/s predicted "
                    + "| p50 0.500 ms | p99 8.000 ms | errors 0 | disconnects 0 | queued 0 B",
            "[    5s] load   | open 10, ready 10 of 10 | chats 10/s of 100/s | delivered 100/s of 100/s predicted "
                    + "| p50 - | p99 - | errors 0 | disconnects 0 | queued 0 B",
            "chats",
            "  chats asked                        100.0 /s");

    private static final String JSON = """
            {
              "exitStatus": 1,
              "failures": ["3 chats never came back to their sender", "chat deliveries 27 != 30 that the room sizes \
            predict \\"here\\""],
              "run": {"mode": "chat", "server": "127.0.0.1:1", "clients": 10},
              "sessions": {"connected": 10, "ready": 9, "disconnected": 1},
              "chats": {"askedPerSecond": 100.0, "achievedPercent": null, "sent": 300, "echoed": 297, "delivered": 27},
              "errors": {"3": 2, "4": 1}
            }
            """;

    @Test
    void loadLinesAreReadAndOtherLinesLeftOut() {
        List<LoadRun.Second> seconds = SwarmRun.parse(CHAT_LINES);
        assertEquals(5, seconds.size(), "the five load lines, not the ramp or the summary");
        assertEquals(new LoadRun.Second(1000, 100, 100, 1.5, 12.25, Double.NaN, Double.NaN), seconds.get(1));
        LoadRun.Second empty = seconds.get(4);
        assertTrue(Double.isNaN(empty.p50()) && Double.isNaN(empty.p99()), "a second without samples: " + empty);
    }

    @Test
    void steadySecondsLeaveOutTheWarmUpAndTheLastPartialSecond() {
        SwarmRun r = SwarmRun.of(JSON, CHAT_LINES, 1);
        // warm-up 1: seconds 2, 3 and 4 of load; the 5th (partial) is left out
        assertEquals((1000 + 980 + 1020) / 3.0, r.steadyRate(1), 1e-9);
        assertEquals(20.5, r.steadyP99(1), "the worst second's p99");
        assertEquals(12.25, r.steadyMedianP99(1));
        assertEquals(1.5, r.steadyP50(1), "the median of 1.5, 2.5 and 0.5");
        assertEquals(100.0 * 300 / 300, r.steadyAchieved(1), 1e-9);
    }

    @Test
    void echoLinesGiveRoundTrips() {
        List<LoadRun.Second> s = SwarmRun.parse(List.of("[    2s] load   | open 4, ready 4 of 4 | pings 812/s "
                + "| round trips 800/s | p50 0.250 ms | p99 1.000 ms | errors 0 | disconnects 0 | queued 0 B"));
        assertEquals(List.of(new LoadRun.Second(800, 0, 0, 0.25, 1.0, Double.NaN, Double.NaN)), s);
    }

    @Test
    void jsonFiguresSumsAndFailuresAreRead() {
        SwarmRun r = SwarmRun.of(JSON, CHAT_LINES, 1);
        assertEquals(297, r.figure("chats", "echoed"));
        assertEquals(9, r.figure("sessions", "ready"));
        assertTrue(Double.isNaN(r.figure("chats", "achievedPercent")), "null is not a number");
        assertEquals(3, r.sum("errors"), "S_Error by code: 2 + 1");
        assertEquals(0, r.sum("moves"), "an absent section sums to 0");
        assertEquals(List.of("3 chats never came back to their sender",
                "chat deliveries 27 != 30 that the room sizes predict \"here\""), r.failures());
        assertEquals(1, r.exitStatus());
    }
}
