package io.servercore.gameserver;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gameserver node of a cluster in its own JVM ({@code java -cp} of the built classes, as
 * {@link ShutdownTest} starts one), with its output kept for assertions. {@link #kill()} is
 * {@code kill -9}; {@link #stop()} is SIGTERM, the graceful stop; {@link #close()} makes sure
 * the process is gone, by PID.
 *
 * <p>One test thread drives it; the output list is filled by a pump thread and is concurrent.
 */
final class NodeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;

    private NodeProcess(String name, Process process) throws IOException {
        this.name = name;
        this.process = process;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int found = -1;
        String line;
        while (found < 0 && (line = out.readLine()) != null) {
            output.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                found = Integer.parseInt(m.group(1));
            }
        }
        if (found < 0) {
            process.destroyForcibly();
            throw new IOException("node " + name + " exited before listening: " + output);
        }
        port = found;
        Thread pump = new Thread(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    output.add(l);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "node-" + name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts node {@code name} of the cluster at {@code natsUrl}, with {@code extra} flags. */
    static NodeProcess start(String natsUrl, String name, String... extra) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        // The server's own logging set-up, not the tests' (which the test class path would pick).
        String logback = GameServerMain.class.getResource("/logback.xml").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), GameServerMain.class.getName(),
                "--host", "127.0.0.1", "--port", "0", "--stats-interval", "0", "--threads", "2",
                "--cluster", natsUrl, "--node-name", name));
        command.addAll(List.of(extra));
        return new NodeProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    GameClient client() throws IOException {
        return new GameClient(address());
    }

    List<String> output() {
        return output;
    }

    /** Keeps the output under {@code target/nodes/} too, for a failure's post-mortem. */
    private void save() {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "nodes");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(name + "-" + process.pid() + ".log"), output);
        } catch (IOException e) {
            // only a convenience
        }
    }

    /** The last 40 lines of output, for an assertion's message. */
    String tail() {
        List<String> lines = List.copyOf(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Lines of output that match. */
    long count(Predicate<String> line) {
        return output.stream().filter(line).count();
    }

    /** kill -9: no goodbye, no shutdown hook. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, the graceful stop; returns the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + name + " did not stop within 20 s: " + output);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }

    @Override
    public String toString() {
        return "node " + name + " (pid " + process.pid() + ")";
    }
}
