package io.servercore.gameserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A gameserver node of a cluster in its own JVM (a {@link ChildServer} started with
 * {@code --cluster}), with its output kept for assertions. {@link #kill()} is {@code kill -9};
 * {@link #stop()} is SIGTERM, the graceful stop; {@link #close()} makes sure the process is
 * gone, by PID, and keeps its output under {@code target/nodes/} for a failure's post-mortem.
 *
 * <p>One test thread drives it; the output is {@link ChildServer}'s concurrent list.
 */
final class NodeProcess implements AutoCloseable {
    final String name;
    private final ChildServer child;

    private NodeProcess(String name, ChildServer child) {
        this.name = name;
        this.child = child;
    }

    /** Starts node {@code name} of the cluster at {@code natsUrl}, with {@code extra} flags, and waits until it listens. */
    static NodeProcess start(String natsUrl, String name, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--stats-interval", "0", "--threads", "2",
                "--cluster", natsUrl, "--node-name", name));
        args.addAll(List.of(extra));
        return new NodeProcess(name, ChildServer.start(args.toArray(String[]::new)));
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", child.port());
    }

    GameClient client() throws IOException {
        return new GameClient(address());
    }

    List<String> output() {
        return child.lines();
    }

    /** The last 40 lines of output, for an assertion's message. */
    String tail() {
        List<String> lines = List.copyOf(child.lines());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Lines of output that match. */
    long count(Predicate<String> line) {
        return child.lines().stream().filter(line).count();
    }

    /** kill -9: no goodbye, no shutdown hook. */
    void kill() throws InterruptedException {
        child.process().destroyForcibly();
        child.process().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, the graceful stop; returns the exit status. */
    int stop() throws InterruptedException {
        child.process().destroy();
        if (!child.process().waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + name + " did not stop within 20 s: " + tail());
        }
        return child.process().exitValue();
    }

    @Override
    public void close() {
        child.process().destroyForcibly();
        child.close();
        try {
            Path dir = Path.of("target", "nodes");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + "-" + child.process().pid() + ".log"), List.copyOf(child.lines()));
        } catch (IOException e) {
            // only a convenience
        }
    }

    @Override
    public String toString() {
        return "node " + name + " (pid " + child.process().pid() + ")";
    }
}
