package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.servercore.dummyclient.attack.AttackResult;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.report.Json;
import io.servercore.dummyclient.report.Report;
import io.servercore.gameserver.GameServer;
import io.servercore.net.Session;
import io.servercore.testing.LogLines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each attack against the real game server, in-process, with limits small enough to answer
 * within a test: the attack is answered as the protocol says, and the players beside it
 * lose nothing, see nothing out of order, and see every attacker leave.
 */
class AttackTest {
    /** The chats each churn or reset cycle sends and waits for: the attack's figure, written here on its own. */
    private static final int CHATS_PER_CYCLE = 3;

    /** Ten players in two rooms, chatting ten times a second; pings often enough for a short idle timeout. */
    private static final List<String> PLAYERS = List.of("--clients", "10", "--rooms", "2", "--connect-rate", "1000",
            "--chat-rate", "10", "--move-rate", "2", "--ping-interval", "0.1", "--duration", "1.5", "--threads", "2");

    /** {@link #PLAYERS} with {@code flags} added, or in place of the same flags' values there. */
    private static Runs.Run run(GameServer server, String... flags) throws Exception {
        List<String> args = new ArrayList<>(PLAYERS);
        for (int i = 0; i < flags.length; i += 2) {
            int at = args.indexOf(flags[i]);
            if (at >= 0) {
                args.set(at + 1, flags[i + 1]);
            } else {
                args.addAll(List.of(flags[i], flags[i + 1]));
            }
        }
        return Runs.run(Runs.config(server.address().getPort(), args.toArray(String[]::new)));
    }

    /** Asserts a clean run with the players undisturbed, and returns its one attack's result. */
    private static AttackResult answered(Runs.Run run) {
        run.assertOk();
        assertPlayersUndisturbed(run);
        assertEquals(1, run.result().attacks.size(), run.explain());
        return run.result().attacks.get(0);
    }

    /** The players beside the attack: every chat delivered as predicted, in order, and every attacker seen to go. */
    private static void assertPlayersUndisturbed(Runs.Run run) {
        run.assertCount(0, Counter.UNEXPECTED_DISCONNECTS);
        run.assertCount(0, Counter.ORDER_VIOLATIONS);
        run.assertCount(0, Counter.ORDER_GAPS);
        run.assertCount(run.count(Counter.CHATS_SENT), Counter.CHATS_ECHOED);
        run.assertCount(run.count(Counter.CHAT_PREDICTED), Counter.CHAT_DELIVERIES);
        run.assertCount(0, Counter.ATTACKERS_IN_VIEW);
        assertTrue(run.result().chatLatencyCalm.getTotalCount() > 0, run.explain());
        assertTrue(run.result().chatLatencyAttacked.getTotalCount() > 0, run.explain());
    }

    @Test
    @Timeout(30)
    void everyMalformedFrameIsClosedAndThePlayersSeeNoneOfIt() throws Exception {
        try (GameServer server = Runs.gameServer(200)) {
            Runs.Run run = run(server, "--attack", "malformed", "--attackers", "4", "--cycle-rate", "20");
            AttackResult a = answered(run);

            long opened = a.count(AttackCounter.OPENED);
            assertTrue(opened >= 20, "every kind of bad frame at least once\n" + run.explain());
            assertEquals(opened, a.count(AttackCounter.ANSWERED), run.explain());
            assertEquals(0, a.count(AttackCounter.UNEXPECTED_CLOSES), run.explain());
            for (Figure f : a.section().figures()) {
                if (f.display().endsWith(" closed")) {
                    String[] words = f.display().split(" ");
                    assertEquals(words[0], words[2], f.label() + "\n" + run.explain());
                    assertFalse(words[2].equals("0"), f.label() + " never sent\n" + run.explain());
                }
            }
            // They entered the players' rooms before their bad frame, and left with it.
            assertTrue(run.count(Counter.ATTACKER_LEAVES_SEEN) > 0, run.explain());
            run.assertCount(0, Counter.ATTACKER_PACKETS_SEEN);
        }
    }

    @Test
    @Timeout(30)
    void aDripIsClosedByTheIdleTimeoutBeforeItsFrameIsWhole() throws Exception {
        try (LogLines sessions = LogLines.of(Session.class);
             GameServer server = Runs.gameServer(200, 1000, 4L << 20, 300)) {
            // 38 bytes, one every 50 ms: 1.9 s a frame, against an idle timeout of 300 ms.
            Runs.Run run = run(server, "--attack", "drip", "--attackers", "3", "--drip-interval", "0.05",
                    "--payload", "32");
            AttackResult a = answered(run);

            long answered = a.count(AttackCounter.ANSWERED);
            assertTrue(answered >= 3, run.explain());
            assertEquals(0, a.count(AttackCounter.FRAMES_COMPLETED), run.explain());
            assertEquals(answered, a.count(AttackCounter.SERVER_FIN), run.explain());
            // Closed by the idle timeout, as the server says for each, and not before it.
            assertTrue(sessions.count(Level.WARN, "closed: idle timeout") >= answered,
                    sessions.messages(Level.WARN) + "\n" + run.explain());
            assertEquals(List.of(), sessions.messages(Level.WARN).stream()
                    .filter(line -> !line.contains("closed: idle timeout")).toList(), "no session was cut for another reason");
            assertTrue(a.closeAfter().getMinValue() >= 300_000, run.explain());
        }
    }

    @Test
    @Timeout(30)
    void aFloodIsAnsweredWithRateLimitedAndThePlayersDoNotNotice() throws Exception {
        try (GameServer server = Runs.gameServer(200)) {
            Runs.Run run = run(server, "--attack", "flood", "--attackers", "2", "--flood-rate", "3000");
            AttackResult a = answered(run);

            run.assertCount(0, Counter.SERVER_ERRORS);
            long sent = a.count(AttackCounter.PACKETS_SENT);
            long limited = a.errors(3);
            long pongs = a.count(AttackCounter.PONGS);
            assertTrue(limited > sent / 2, run.explain());
            assertEquals(sent, limited + pongs, "every ping answered one way or the other\n" + run.explain());
            // What got through is the bucket: its burst and its rate, per flooder.
            double seconds = (run.result().loadNanos - run.result().calmNanos) / 1e9;
            assertTrue(pongs <= 2 * (400 + 200 * seconds) + 50, pongs + " pongs\n" + run.explain());
            assertEquals(0, a.count(AttackCounter.UNEXPECTED_CLOSES), run.explain());
        }
    }

    @Test
    @Timeout(30)
    void aSessionThatNeverReadsIsCutByTheOutboundLimit() throws Exception {
        // No rate limit: one busy room where each member receives 10 x 200 chats of 1000 bytes a second,
        // 2 MB/s, to fill the kernel's send buffer (on loopback it grows to a few MiB) and then the
        // limit. The limit leaves the players a quarter of a second of that traffic to fall behind by
        // on a busy machine; the attackers, who never read, pass it within the run.
        try (LogLines sessions = LogLines.of(Session.class);
             GameServer server = Runs.gameServer(0, 1000, 512 * 1024, 60_000)) {
            Runs.Run run = run(server, "--rooms", "1", "--chat-rate", "200", "--payload", "1000", "--duration", "6",
                    "--attack", "never-read", "--attackers", "2");
            AttackResult a = answered(run);

            long answered = a.count(AttackCounter.ANSWERED);
            assertTrue(answered >= 2, run.explain());
            // The outbound limit did it, as the server says for each (the idle timeout is a minute away).
            assertTrue(sessions.count(Level.WARN, "closed: outbound limit exceeded") >= answered,
                    sessions.messages(Level.WARN) + "\n" + run.explain());
            assertEquals(0, sessions.count(Level.WARN, "closed: idle timeout"), sessions.messages(Level.WARN).toString());
        }
    }

    @Test
    @Timeout(30)
    void resetsMidTrafficCostThePlayersNothing() throws Exception {
        try (GameServer server = Runs.gameServer(200)) {
            Runs.Run run = run(server, "--attack", "reset", "--attackers", "3", "--cycle-rate", "10");
            AttackResult a = answered(run);

            long resets = a.count(AttackCounter.RESETS);
            assertTrue(resets >= 10, run.explain());
            assertEquals(resets, a.count(AttackCounter.ECHOED), run.explain());
            assertEquals(0, a.count(AttackCounter.SERVER_FIN) + a.count(AttackCounter.SERVER_RST), run.explain());
            assertTrue(run.count(Counter.ATTACKER_LEAVES_SEEN) >= resets, run.explain());
        }
    }

    @Test
    @Timeout(30)
    void churnEntersChatsAndLeavesCleanlyCycleAfterCycle() throws Exception {
        try (GameServer server = Runs.gameServer(200)) {
            Runs.Run run = run(server, "--attack", "churn", "--attackers", "3", "--cycle-rate", "10");
            AttackResult a = answered(run);

            long cycles = a.count(AttackCounter.ANSWERED);
            assertTrue(cycles >= 10, run.explain());
            assertEquals(cycles, a.count(AttackCounter.SERVER_FIN), run.explain());
            assertTrue(run.count(Counter.ATTACKER_PACKETS_SEEN) >= cycles * CHATS_PER_CYCLE, run.explain());
            assertTrue(Report.table(run.result()).contains("attack: churn"), run.explain());
        }
    }

    @Test
    @Timeout(30)
    void attackersAloneRunTheirDurationAndReportOnlyTheAttack() throws Exception {
        try (GameServer server = Runs.gameServer(200)) {
            Runs.Run run = Runs.run(Runs.config(server.address().getPort(), "--clients", "0", "--attack",
                    "flood,churn", "--attackers", "2", "--duration", "1", "--threads", "1"));

            run.assertOk();
            assertEquals(2, run.result().attacks.size(), run.explain());
            assertTrue(run.result().loadNanos >= 900_000_000L, run.explain());
            String table = Report.table(run.result());
            assertFalse(table.contains("chat latency"), table);
            assertTrue(table.contains("attack: flood") && table.contains("attack: churn"), table);
            assertTrue(Json.of(run.result()).contains("\"attackChurn\": {"), Json.of(run.result()));
        }
    }

    @Test
    @Timeout(30)
    void anAttackTheServerDoesNotAnswerFailsTheRun() throws Exception {
        // No rate limit, and an idle timeout far longer than the run; and a latency limit no one meets.
        try (GameServer server = Runs.gameServer(0)) {
            Runs.Run run = run(server, "--duration", "1", "--attack", "flood,drip", "--attackers", "1",
                    "--flood-rate", "500", "--drip-interval", "0.5", "--max-p99", "0.001");

            run.assertFailed("flood: the server answered none of");
            run.assertFailed("drip: the server closed none of its 1 dripping connections");
            run.assertFailed("is above --max-p99 0.001 ms");
            assertPlayersUndisturbed(run);
        }
    }
}
