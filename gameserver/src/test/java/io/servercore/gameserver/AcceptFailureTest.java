package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.testing.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        try (ChildServer child = ChildServer.startWithOpenFileLimit(96, "--stats-interval", "0")) {
            int port = child.port();
            List<String> output = child.lines();

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
                Await.until("the server logs the failed accept",
                        () -> output.stream().anyMatch(l -> l.contains("accept failed")), output::toString);
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
        }
    }
}
