package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.S_Chat;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Without {@code --cluster} nothing of the cluster exists: no NATS class, and no class that
 * holds or runs NATS code, is even loaded (nor, without {@code --metrics-port}, any Prometheus class). And the cluster's flags are checked like every other.
 */
@Timeout(60)
class ClusterOffTest {

    @Test
    void aSingleNodeLoadsNoNatsAndNoClusterClass() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + GameServerMain.class.getResource("/logback.xml"),
                GameServerMain.class.getName(), "--host", "127.0.0.1", "--port", "0", "--stats-interval", "0")
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
            int port = -1;
            String line;
            while (port < 0 && (line = out.readLine()) != null) {
                output.add(line);
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "the server started");
            Thread pump = new Thread(() -> {
                try {
                    String l;
                    while ((l = out.readLine()) != null) {
                        output.add(l);
                    }
                } catch (java.io.IOException ended) {
                    // gone
                }
            });
            pump.setDaemon(true);
            pump.start();
            try (GameClient bob = new GameClient(new InetSocketAddress("127.0.0.1", port))) {
                int a;
                try (GameClient alice = new GameClient(new InetSocketAddress("127.0.0.1", port))) {
                    a = alice.enter("lobby", "alice").playerId;
                    bob.enter("lobby", "bob");
                    alice.send(new C_Chat("single"));
                    assertEquals(new S_Chat(a, "single"), bob.expect(S_Chat.class));
                }
                assertEquals(a, bob.expect(io.servercore.gameserver.protocol.S_BroadcastLeave.class).playerId,
                        "the leave path ran too");
            }
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the server stopped");
            pump.join(5_000);
            assertTrue(output.stream().anyMatch(l -> l.contains("io.servercore.gameserver.GameRoom ")),
                    "the class loading log works");
            // The flag's value type (ClusterConfig) and the listener interface may be loaded by the
            // bytecode verifier; nothing that holds or runs NATS code may.
            Pattern natsCode = Pattern.compile("io\\.nats\\.|gameserver\\.(ClusterRoom|ClusterListener|cluster\\."
                    + "(ClusterNode|RoomChannel|RoomLedger|Membership|Liveness|PlayerIds|Envelope|RoomCounts))[ $]");
            List<String> cluster = output.stream().filter(l -> natsCode.matcher(l).find()).toList();
            assertEquals(List.of(), cluster, "cluster classes loaded on a single node");
            // Nor, without --metrics-port, anything of Prometheus or of the endpoint.
            Pattern metricsCode = Pattern.compile("io\\.prometheus\\.|gameserver\\.metrics\\.");
            List<String> metrics = output.stream().filter(l -> metricsCode.matcher(l).find()).toList();
            assertEquals(List.of(), metrics, "metrics classes loaded without --metrics-port");
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void badClusterFlagsStopStartUpWithOneLineNamingThem() {
        assertEquals("gameserver: invalid --node-name x: allowed only with --cluster (see --help)",
                run(2, "--node-name", "x"));
        assertEquals("gameserver: invalid --cluster http://127.0.0.1:4222: allowed nats://HOST:PORT (see --help)",
                run(2, "--cluster", "http://127.0.0.1:4222"));
        assertEquals("gameserver: invalid --cluster nats://127.0.0.1: allowed nats://HOST:PORT (see --help)",
                run(2, "--cluster", "nats://127.0.0.1"));
        assertEquals("gameserver: invalid --node-name 'a b': allowed 1 to 64 of A-Z a-z 0-9 _ - (see --help)",
                run(2, "--cluster", "nats://127.0.0.1:4222", "--node-name", "a b"));
    }

    @Test
    void aClusterThatCannotBeReachedStopsStartUpWithOneLineNamingIt() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String line = run(1, "--host", "127.0.0.1", "--port", "0", "--cluster", "nats://127.0.0.1:" + closedPort);
        assertTrue(line.startsWith("gameserver: cannot reach NATS at nats://127.0.0.1:" + closedPort), line);
    }

    @Test
    void helpListsTheClusterFlags() {
        StringWriter out = new StringWriter();
        assertEquals(0, GameServerMain.run(new String[] {"--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter())));
        assertTrue(out.toString().contains("--cluster") && out.toString().contains("--node-name"), out.toString());
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
