package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.report.SwarmResult;
import io.servercore.gameserver.GameServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The swarm against the real game server, in-process on loopback: a clean run is clean and exact. */
class GameServerSwarmTest {

    @Test
    @Timeout(30)
    void twoHundredSessionsInFourRoomsDeliverExactlyWhatTheRoomSizesPredict() throws Exception {
        int clients = 200;
        double chatRate = 5;
        try (GameServer server = Runs.gameServer(200)) {
            Runs.Run run = Runs.run(Runs.config(server.address().getPort(), "--clients", "200", "--rooms", "4",
                    "--connect-rate", "2000", "--chat-rate", "5", "--move-rate", "2", "--ping-interval", "0.5",
                    "--payload", "100", "--duration", "2", "--threads", "2"));
            SwarmResult r = run.result();

            run.assertOk();
            run.assertCount(clients, Counter.CONNECTED);
            run.assertCount(clients, Counter.READY);
            // Every session was in its room of 50 before the first chat, so each chat reaches 50.
            long chats = run.count(Counter.CHATS_SENT);
            run.assertCount(chats, Counter.CHATS_ECHOED);
            run.assertCount(chats * 50, Counter.CHAT_DELIVERIES);
            run.assertCount(chats * 50, Counter.CHAT_PREDICTED);
            run.assertCount(run.count(Counter.MOVES_SENT) * 50, Counter.MOVE_DELIVERIES);
            run.assertCount(0, Counter.ORDER_VIOLATIONS);
            run.assertCount(0, Counter.ORDER_GAPS);
            run.assertCount(0, Counter.SERVER_ERRORS);
            assertEquals(chats, r.chatLatency.getTotalCount(), run.explain());

            // Never faster than asked: at most one chat per grid point of the load, per session.
            double loadSeconds = r.loadNanos / 1e9;
            long most = clients * ((long) Math.floor(chatRate * loadSeconds) + 1);
            assertTrue(chats <= most, chats + " chats in " + loadSeconds + " s; asked at most " + most);
            // Every session's first chat is due within 1 / chatRate of the load's start, and a due
            // slot that a late tick finds is sent, not only counted late: so there is at least one
            // chat a session (how many more is the machine's speed, measured by the benchmarks).
            assertTrue(chats >= clients, chats + " chats from " + clients + " sessions\n" + run.explain());

            assertTrue(run.progress().contains("load"), run.progress());
        }
    }

    @Test
    @Timeout(30)
    void echoModeKeepsItsWindowInFlightAndCountsRoundTrips() throws Exception {
        try (GameServer server = Runs.gameServer(0)) {
            Runs.Run run = Runs.run(Runs.config(server.address().getPort(), "--mode", "echo", "--clients", "20",
                    "--window", "4", "--duration", "1", "--threads", "1"));
            SwarmResult r = run.result();

            run.assertOk();
            long pongs = run.count(Counter.PONGS);
            assertTrue(pongs > 20 * 4, run.explain());
            run.assertCount(pongs, Counter.PINGS_SENT);
            assertEquals(pongs, r.pingRtt.getTotalCount(), run.explain());
            run.assertCount(0, Counter.CHATS_SENT);
        }
    }

    @Test
    @Timeout(30)
    void aServerThatRateLimitsIsReportedNotHidden() throws Exception {
        // 30 chats a second against a limit of 10 packets a second: the server drops the rest.
        try (GameServer server = Runs.gameServer(10)) {
            Runs.Run run = Runs.run(Runs.config(server.address().getPort(), "--clients", "10", "--rooms", "1",
                    "--chat-rate", "30", "--move-rate", "0", "--ping-interval", "0", "--duration", "1.5",
                    "--threads", "1"));
            run.assertFailed("RATE_LIMITED");
            // The chats the server dropped show as gaps in each sender's sequence, not as disorder.
            assertTrue(run.count(Counter.ORDER_GAPS) > 0, run.explain());
            run.assertCount(0, Counter.ORDER_VIOLATIONS);
            // What did get through was still delivered to the whole room of 10.
            run.assertCount(run.count(Counter.CHATS_ECHOED) * 10, Counter.CHAT_DELIVERIES);
        }
    }

    @Test
    @Timeout(30)
    void sessionsAFullRoomTurnsAwayAreReported() throws Exception {
        try (GameServer server = Runs.gameServer(200, 5)) {
            Runs.Run run = Runs.run(Runs.config(server.address().getPort(), "--clients", "8", "--rooms", "1",
                    "--duration", "0.5", "--threads", "1"));
            run.assertFailed("3 connected sessions never got into their room (3 refused by the server)");
            run.assertFailed("the server answered 3 S_Error: 4 ROOM_FULL x3");
            run.assertCount(5, Counter.READY);
            // The five inside still chat among themselves, exactly.
            run.assertCount(run.count(Counter.CHATS_SENT) * 5, Counter.CHAT_DELIVERIES);
        }
    }
}
