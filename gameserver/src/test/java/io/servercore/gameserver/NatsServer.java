package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code nats-server -js} for cluster tests, on a free loopback port with its own store
 * under {@code target/}, stopped by PID. Where nats-server is not installed the tests that need
 * it are skipped with one line saying how to install it; with the environment variable
 * {@code CI} set, a missing nats-server fails them instead. {@code -Dnats.server=PATH} picks
 * the binary (and a PATH that does not exist shows what a machine without one does).
 *
 * <p>Thread-safe enough for a test: one test thread starts, restarts and stops it.
 */
public final class NatsServer implements AutoCloseable {

    private final String binary;
    private final int port;
    private final Path store;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process process;

    private NatsServer(String binary, int port, Path store) {
        this.binary = binary;
        this.port = port;
        this.store = store;
    }

    /** Starts one on a free port with a fresh store; skips (or in CI fails) the test when there is none. */
    public static NatsServer start(String name) throws IOException {
        String binary = find();
        if (binary == null) {
            if (System.getenv("CI") != null) {
                fail(NatsServerCondition.INSTALL + " (CI is set: the cluster tests are required)");
            }
            Assumptions.abort(NatsServerCondition.INSTALL);
        }
        Path store = Path.of("target", "nats", name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectories(store);
        NatsServer server = new NatsServer(binary, freePort(), store);
        server.start();
        return server;
    }

    /** The nats-server to run: {@code -Dnats.server=PATH} if given (a path that is not there counts as none), else found. */
    static String find() {
        String given = System.getProperty("nats.server");
        if (given != null) {
            return new File(given).canExecute() ? given : null;
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/bin")) {
            if (new File(dir, "nats-server").canExecute()) {
                return dir + "/nats-server";
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, "nats-server").canExecute()) {
                return dir + "/nats-server";
            }
        }
        return null;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts the server (again) on the same port and store, and waits until it is ready. */
    public void start() throws IOException {
        output.clear();
        process = new ProcessBuilder(binary, "-js", "-a", "127.0.0.1", "-p", Integer.toString(port), "-sd",
                store.toAbsolutePath().toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "nats-server-output");
        pump.setDaemon(true);
        pump.start();
        io.servercore.testing.Await.until("nats-server is ready",
                () -> output.stream().anyMatch(l -> l.contains("Server is ready")) || !process.isAlive(),
                () -> output);
        if (!process.isAlive()) {
            throw new IOException("nats-server exited: " + output);
        }
    }

    /** Kills the server (SIGKILL, by PID) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
