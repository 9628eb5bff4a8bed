package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --metrics-port} and {@code --metrics-host}: off by default, on loopback when on, and a bad
 * value or a taken port stops start-up with one line naming it, as every other flag does.
 */
@Timeout(30)
class MetricsFlagTest {

    private static GameServerConfig parse(String... args) {
        GameServerOptions options = new GameServerOptions();
        new picocli.CommandLine(options).parseArgs(args);
        return options.toConfig();
    }

    @Test
    void offByDefaultAndOnLoopbackWhenAPortIsGiven() {
        GameServerConfig off = parse();
        assertEquals(0, off.metricsPort());
        assertNull(off.metricsAddress());
        GameServerConfig on = parse("--metrics-port", "9100");
        assertEquals("127.0.0.1", on.metricsAddress().getHostString());
        assertEquals(9100, on.metricsAddress().getPort());
        assertEquals("0.0.0.0", parse("--metrics-port", "9100", "--metrics-host", "0.0.0.0").metricsHost());
    }

    @Test
    void aServerWithoutTheFlagServesNoMetrics() throws Exception {
        try (GameServer server = GameServer.start(TestServers.config())) {
            assertNull(server.metricsAddress());
        }
    }

    @Test
    void aBadValueIsOneLineNamingTheFlagTheValueAndWhatIsAllowed() {
        assertEquals("gameserver: invalid --metrics-port 70000: allowed 0 (off) or 1..65535 (see --help)",
                run(2, "--metrics-port", "70000"));
        assertEquals("gameserver: invalid --metrics-port -1: allowed 0 (off) or 1..65535 (see --help)",
                run(2, "--metrics-port", "-1"));
        assertEquals("gameserver: invalid --metrics-host x: allowed only with --metrics-port (see --help)",
                run(2, "--metrics-host", "x"));
        assertEquals("gameserver: invalid --metrics-host ' ': allowed a host name or address (see --help)",
                run(2, "--metrics-port", "9100", "--metrics-host", " "));
        String notANumber = run(2, "--metrics-port", "nine");
        assertTrue(notANumber.contains("--metrics-port") && notANumber.contains("nine"), notANumber);
    }

    @Test
    void aTakenMetricsPortStopsStartUpWithOneLineNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            String line = run(1, "--host", "127.0.0.1", "--port", "0", "--stats-interval", "0",
                    "--metrics-port", Integer.toString(port));
            assertTrue(line.startsWith("gameserver: cannot serve metrics on 127.0.0.1:" + port + ": "), line);
        }
    }

    @Test
    void helpListsTheMetricsFlags() {
        StringWriter out = new StringWriter();
        assertEquals(0, GameServerMain.run(new String[] {"--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter())));
        assertTrue(out.toString().contains("--metrics-port") && out.toString().contains("--metrics-host"),
                out.toString());
    }

    /** Runs the command line, which must end with {@code status}; returns what it printed to stderr, one line. */
    private static String run(int status, String... args) {
        StringWriter err = new StringWriter();
        assertEquals(status, GameServerMain.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true)),
                err.toString());
        assertEquals(1, err.toString().trim().lines().count(), err.toString());
        return err.toString().trim();
    }
}
