package io.servercore.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chat climb's verdicts: a step passes only with its p99 under the budget (the whole window's
 * where the generator reports it, else the worst second's),
 * nothing lost and the load actually sent; the sustained figure is the highest step such that
 * it and every step below passed, so a lucky step above a failed one does not count.
 */
class ChatVerdictTest {
    private static ChatStep step(double rate, double p99, double sentPercent, String... losses) {
        return new ChatStep(rate, rate * 100_000, rate * 100_000, 1, p99, Double.NaN, Double.NaN, sentPercent, 0, 1,
                List.of(losses), 50);
    }

    @Test
    void aStepPassesOnlyUnderTheBudgetWithNothingLostAndTheLoadSent() {
        assertTrue(step(2, 49.9, 100).passed());
        assertEquals(List.of("p99 50.0 ms"), step(2, 50, 100).failures());
        assertEquals(List.of("no steady second measured"), step(2, Double.NaN, 100).failures(),
                "a step without a single measured second cannot pass");
        assertEquals(List.of("3 chats not back to their sender"), step(2, 10, 100, "3 chats not back to their sender")
                .failures());
        assertEquals(List.of("the load generator sent 90% of the chats asked"), step(2, 10, 90).failures());
    }

    @Test
    void theWholeWindowsP99DecidesWhereTheGeneratorReportsIt() {
        ChatStep oneStalledSecond = new ChatStep(2, 200_000, 200_000, 1, 75, 31, Double.NaN, 100, 0, 1, List.of(), 50);
        assertTrue(oneStalledSecond.passed(), "one 75 ms second in a window whose p99 is 31 ms");
        assertTrue(oneStalledSecond.cell().contains("p99 31.00 (worst second 75.00) ms"), oneStalledSecond.cell());
        ChatStep lateThroughout = new ChatStep(2, 200_000, 200_000, 1, 60, 55, Double.NaN, 100, 0, 1, List.of(), 50);
        assertEquals(List.of("p99 55.0 ms"), lateThroughout.failures());
        ChatStep lostOne = new ChatStep(2, 200_000, 200_000, 1, 20, 10, Double.NaN, 100, 0, 1,
                List.of("1 chat not back to its sender"), 50);
        assertEquals(List.of("1 chat not back to its sender"), lostOne.failures(), "a good p99 excuses no loss");
    }

    @Test
    void sustainedIsTheHighestStepWithEveryStepBelowPassing() {
        ChatStep two = step(2, 10, 100);
        ChatStep three = step(3, 20, 100);
        ChatStep five = step(5, 80, 100);
        ChatStep seven = step(7, 30, 100); // passes, but above a failure: not sustained
        ChatCurves.Climb climb = new ChatCurves.Climb(1, List.of(two, three, five, seven));
        assertSame(three, climb.sustained());
        assertEquals(300_000, climb.sustainedDeliveries());
        ChatCurves.Climb none = new ChatCurves.Climb(2, List.of(step(2, 60, 100)));
        assertNull(none.sustained());
        assertEquals(0, none.sustainedDeliveries());
    }

    @Test
    void aStepIsReadFromTheSwarmsFigures() {
        Plan plan = Compare.parse(new String[] {"--sessions", "10", "--room-size", "5", "--warm-up", "0"},
                new PrintWriter(new StringWriter()));
        String json = """
                {
                  "exitStatus": 1,
                  "failures": [],
                  "sessions": {"connected": 10, "ready": 10, "disconnected": 0},
                  "chats": {"sent": 40, "lateSkipped": 2, "heldBack": 1, "echoed": 39, "delivered": 190, \
                "predicted": 200, "orderViolations": 0, "gaps": 0}
                }
                """;
        List<String> lines = List.of(
                "[    1s] load   | open 10, ready 10 of 10 | chats 20/s of 20/s | delivered 100/s of 100/s predicted "
                        + "| p50 2.000 ms | p99 4.000 ms | errors 0 | disconnects 0 | queued 0 B",
                "[    2s] load   | open 10, ready 10 of 10 | chats 20/s of 20/s | delivered 90/s of 100/s predicted "
                        + "| p50 3.000 ms | p99 6.000 ms | errors 0 | disconnects 0 | queued 0 B");
        ChatStep s = ChatStep.of(SwarmRun.of(json, lines, 1), plan, 2, 0.5);
        assertEquals(2 * 10 * 5, s.asked(), "2 chats/s from each of 10 sessions, each to the 5 of its room");
        assertEquals(100, s.delivered(), "the one steady second");
        assertEquals(List.of("1 chats not back to their sender", "190 deliveries where the room sizes predict 200",
                "1 chats held back, server not reading"), s.losses());
        assertEquals(2, s.lateSkipped());
    }
}
