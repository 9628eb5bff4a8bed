package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_Pong;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Descriptor exhaustion: a server started with a small open-file limit is flooded with
 * connections until accept fails with "Too many open files". The accept loop must survive:
 * it logs the failure at most about once a second instead of spinning, and once the flood is
 * gone it accepts and serves again.
 */
@Timeout(60)
@EnabledOnOs(OS.LINUX) // ulimit through bash; the CI machines are Linux
class AcceptFailureTest {

    @Test
    void theAcceptLoopSurvivesRunningOutOfDescriptorsAndServesWhenTheyComeBack() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String command = "ulimit -n 96 && exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + GameServerMain.class.getName() + " --host 127.0.0.1 --port 0 --stats-interval 0";
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = awaitPort(out, output);
            Thread pump = new Thread(() -> pump(out, output), "server-output");
            pump.setDaemon(true);
            pump.start();

            // One full exchange first, as a server in service has had: under descriptor exhaustion
            // the class loader cannot open class files from this test's class directories.
            try (GameClient warmUp = new GameClient(new InetSocketAddress("127.0.0.1", port))) {
                warmUp.enter("warm", "up");
                warmUp.send(new C_Ping(1));
                warmUp.expect(S_Pong.class);
            }
            List<Socket> flood = new ArrayList<>();
            long start = System.nanoTime();
            try {
                for (int i = 0; i < 200; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    flood.add(s); // the kernel completes the handshake even when accept() cannot
                }
                waitFor(() -> output.stream().anyMatch(l -> l.contains("accept failed")), output);
                // Keep the pressure on for two seconds: the loop must not log every failure.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long failureLines = output.stream().filter(l -> l.contains("accept failed")).count();
            assertTrue(failureLines >= 1, "the failure was logged: " + output);
            assertTrue(failureLines <= Math.ceil(seconds) + 2, failureLines + " failure lines in " + seconds + " s: " + output);
            assertTrue(output.stream().anyMatch(l -> l.contains("Too many open files")), output.toString());

            // The descriptors are back: a new client is served. Retry while the server drains the backlog.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Throwable last = null;
            while (System.nanoTime() < deadline) {
                try (GameClient client = new GameClient(new InetSocketAddress("127.0.0.1", port))) {
                    client.send(new C_Ping(77));
                    assertEquals(77, client.expect(S_Pong.class).time);
                    last = null;
                    break;
                } catch (IOException | AssertionError e) {
                    last = e; // accepted from the backlog, then closed by the drain: try again
                }
            }
            assertEquals(null, last, "served again after the flood");
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    private static int awaitPort(BufferedReader out, List<String> output) throws IOException {
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        String line;
        while ((line = out.readLine()) != null) {
            output.add(line);
            Matcher m = listening.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server exited before listening: " + output);
    }

    private static void pump(BufferedReader out, List<String> output) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, List<String> output) {
        io.servercore.testing.Await.until("the server logs the failed accept", condition, output::toString);
    }
}
