package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.dummyclient.FakeServer.Fault;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.report.Report;
import io.servercore.dummyclient.report.SwarmResult;
import io.servercore.net.DisconnectReason;
import io.servercore.packet.PacketHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against servers that misbehave, the swarm names what went wrong and fails. */
class FaultyServerTest {
    private static final int CLIENTS = 20;

    private static Runs.Run swarm(Fault fault) throws Exception {
        try (FakeServer server = new FakeServer(fault, 50)) {
            return Runs.run(Runs.config(server.port(), "--clients", Integer.toString(CLIENTS), "--rooms", "4",
                    "--connect-rate", "1000", "--chat-rate", "20", "--move-rate", "5", "--ping-interval", "0.2",
                    "--duration", "1", "--threads", "1"));
        }
    }

    @Test
    @Timeout(30)
    void aServerThatBehavesGivesACleanRun() throws Exception {
        Runs.Run run = swarm(Fault.NONE);
        run.assertOk();
        assertTrue(run.count(Counter.CHATS_SENT) > 50, run.explain());
        assertEquals(run.count(Counter.CHATS_SENT), run.count(Counter.CHAT_DELIVERIES), run.explain());
    }

    @Test
    @Timeout(30)
    void aDroppedSessionIsReportedWithItsCause() throws Exception {
        Runs.Run run = swarm(Fault.DROP_ONE);
        run.assertFailed("1 sessions were disconnected before the end");
        run.assertCount(1, Counter.UNEXPECTED_DISCONNECTS);
        // A FIN, or a reset if the server closed with our bytes still unread.
        Map<DisconnectReason, Long> causes = run.result().disconnectsByCause;
        assertTrue(Set.of(DisconnectReason.PEER_CLOSED, DisconnectReason.IO_ERROR).containsAll(causes.keySet()),
                run.explain());
        assertTrue(Report.table(run.result()).contains("RESULT: FAILED"), run.explain());
    }

    @Test
    @Timeout(30)
    void aServerThatClosesEverySessionIsReported() throws Exception {
        Runs.Run run = swarm(Fault.CLOSE_ALL);
        run.assertFailed(CLIENTS + " sessions were disconnected before the end");
        run.assertCount(CLIENTS, Counter.UNEXPECTED_DISCONNECTS);
    }

    /** A frame below the header's size, or of no packet the protocol has, ends that one session. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "SIZE_TWO_FRAME; 1 sessions were disconnected before the end: PROTOCOL_VIOLATION x1",
        "UNKNOWN_ID; 1 packets from the server broke the protocol (first: unknown packet id 99)",
    })
    @Timeout(30)
    void aMalformedFrameIsAProtocolViolation(Fault fault, String reason) throws Exception {
        Runs.Run run = swarm(fault);
        run.assertFailed(reason);
        assertEquals(Map.of(DisconnectReason.PROTOCOL_VIOLATION, 1L), run.result().disconnectsByCause, run.explain());
    }

    @Test
    @Timeout(30)
    void noServerAtAllIsReportedAsConnectFailures() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free once closed; nothing listens there
        }
        // Nothing to load: the run does not sit out its hour, it ends once every connect failed.
        CompletableFuture<Runs.Run> running = CompletableFuture.supplyAsync(() -> {
            try {
                return Runs.run(Runs.config(port, "--clients", "10", "--duration", "3600", "--threads", "1"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Runs.Run run;
        try {
            run = running.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("a run with no server to connect to sat out its --duration of an hour", e);
        }
        run.assertFailed("10 of 10 sessions could not connect");
        run.assertCount(0, Counter.CONNECTED);
    }

    @Test
    @Timeout(30)
    void aServerThatStopsReadingShowsAsAShortfallWithTheBytesQueued() throws Exception {
        try (StallingServer server = new StallingServer()) {
            Runs.Run run = Runs.run(Runs.config(server.port(), "--clients", "2", "--rooms", "2", "--chat-rate", "1000",
                    "--payload", "60000", "--move-rate", "0", "--ping-interval", "0", "--duration", "1",
                    "--threads", "1"));
            SwarmResult r = run.result();

            run.assertFailed("chats never came back to their sender");
            assertTrue(run.count(Counter.CHATS_HELD) > 0, run.explain());
            assertTrue(r.queuedAtStop > SwarmConfig.HOLD_BACK_BYTES, run.explain());
            // Held back, not piled up: a session stops sending once it has HOLD_BACK_BYTES queued,
            // so each holds at most that and the one chat (one frame) that crossed the line.
            assertTrue(r.queuedAtStop <= 2 * (SwarmConfig.HOLD_BACK_BYTES + PacketHeader.MAX_FRAME_SIZE), run.explain());
            assertTrue(Report.table(r).contains("held back, server not reading"), run.explain());
        }
    }
}
