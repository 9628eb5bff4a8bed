package io.servercore.benchmarks.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process of the benchmark (nats-server, a gameserver node, the swarm) whose output is
 * kept, waited for by pattern, and stopped by PID: SIGTERM first, SIGKILL if it lingers.
 *
 * <p>The runner's thread drives it; a daemon pump thread fills the output list.
 */
final class Proc implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    Proc(String name, List<String> command) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
        }, name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** The first group of the first line matching {@code pattern}, waiting up to {@code seconds}. */
    String await(Pattern pattern, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int seen = 0;
        while (System.nanoTime() < deadline) {
            while (seen < output.size()) {
                Matcher m = pattern.matcher(output.get(seen++));
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
            if (!process.isAlive() && seen >= output.size()) {
                break;
            }
            Thread.sleep(10); // polling a child's output; the deadline bounds it
        }
        throw new IOException(name + " never printed " + pattern + ": " + output);
    }

    List<String> output() {
        return output;
    }

    /** Waits for the process to end by itself; false on timeout. */
    boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    void saveTo(Path file) throws IOException {
        Files.write(file, output);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
