package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.report.Report;
import io.servercore.dummyclient.report.SwarmResult;
import io.servercore.gameserver.GameServer;
import io.servercore.gameserver.GameServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests that run a swarm in-process against a server on loopback. */
final class Runs {
    private Runs() {
    }

    /**
     * A game server on a free loopback port with the protocol's defaults, two I/O threads, no
     * stats line, and the given per-session packet rate (0 = no limit, bursts of twice the rate).
     */
    static GameServer gameServer(int packetRate) throws IOException {
        return gameServer(packetRate, 1000);
    }

    /** As {@link #gameServer(int)}, with rooms of at most {@code roomCapacity}. */
    static GameServer gameServer(int packetRate, int roomCapacity) throws IOException {
        return gameServer(packetRate, roomCapacity, 4L << 20, 60_000);
    }

    /** As {@link #gameServer(int, int)}, with the given outbound limit and idle timeout. */
    static GameServer gameServer(int packetRate, int roomCapacity, long outboundLimit, long idleTimeoutMillis)
            throws IOException {
        return GameServer.start(new GameServerConfig("127.0.0.1", 0, 2, 10_000, 4096, roomCapacity, 1024,
                packetRate, packetRate == 0 ? 0 : 2 * packetRate, outboundLimit, idleTimeoutMillis, 0));
    }

    /** The config of {@code flags} against {@code port} on loopback. */
    static SwarmConfig config(int port, String... flags) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(port)));
        args.addAll(List.of(flags));
        return DummyClientMain.parse(args.toArray(String[]::new));
    }

    /** A run and the progress lines it printed. */
    record Run(SwarmResult result, String progress) {
        long count(Counter counter) {
            return result.count(counter);
        }

        /** The summary table and the progress lines, for an assertion's message. */
        String explain() {
            return progress + Report.table(result);
        }

        void assertCount(long expected, Counter counter) {
            assertEquals(expected, count(counter), counter + "\n" + explain());
        }

        /** Asserts the run was clean: exit status 0, no failure. */
        void assertOk() {
            assertEquals(0, result.exitStatus(), explain());
        }

        /** Asserts the run failed, and that one of its reasons contains {@code words}. */
        void assertFailed(String words) {
            assertEquals(SwarmResult.FAILED, result.exitStatus(), explain());
            assertTrue(result.failures().stream().anyMatch(f -> f.contains(words)),
                    "no failure mentions '" + words + "'\n" + explain());
        }
    }

    static Run run(SwarmConfig config) throws IOException {
        StringWriter lines = new StringWriter();
        SwarmResult result = Swarm.run(config, new PrintWriter(lines, true));
        return new Run(result, lines.toString());
    }
}
