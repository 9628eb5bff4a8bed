package io.servercore.benchmarks.e2e;

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
 * A server under test in a JVM of its own: started from a command line, ready once it prints
 * "listening on HOST:PORT", measured through /proc, stopped with SIGTERM.
 *
 * <p>Not thread-safe; owned by the runner's thread. A daemon thread drains its output so it
 * can never block on a full pipe.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]*:(\\d+)");

    final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;

    private ServerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new CopyOnWriteArrayList<>();
        int port = -1;
        String line;
        while (port < 0 && (line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
        }
        if (port < 0) {
            process.destroyForcibly();
            throw new IOException(name + " exited before listening: " + String.join("\n", seen));
        }
        ServerProcess server = new ServerProcess(name, process, port);
        server.output.addAll(seen);
        Thread pump = new Thread(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    server.output.add(l);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, name + "-output");
        pump.setDaemon(true);
        pump.start();
        return server;
    }

    int port() {
        return port;
    }

    /** Resident set size in KiB, from /proc. */
    long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + name);
    }

    /**
     * CPU time the process has used so far, user and system, in seconds (from /proc/PID/stat;
     * the kernel counts in clock ticks of 1/100 s on Linux).
     */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ", utime and stime are the 12th and 13th fields.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> output() {
        return output;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
