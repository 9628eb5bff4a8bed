package io.servercore.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in a JVM of its own: started from a command line, ready once it prints
 * "listening on HOST:PORT", measured through /proc, stopped with SIGTERM.
 *
 * <p>Owned by the runner's thread. A daemon thread drains its output, so it can never block on
 * a full pipe, finds the port in it and keeps its last lines; {@link #output()} may be read
 * meanwhile.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]*:(\\d+)");
    /** A generation's line of {@code GC.heap_info}, in every collector's words: {@code total 314560K, used 5604K}. */
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    /** How long a server may take to print that it listens. */
    private static final long START_SECONDS = 60;

    /** Lines of the server's output kept for error messages: the last ones. */
    private static final int OUTPUT_KEPT = 200;

    final String name;
    private final Process process;
    /** Guarded by itself: the pump adds, the runner reads. */
    private final ArrayDeque<String> output = new ArrayDeque<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ServerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static ServerProcess start(String name, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ServerProcess server = new ServerProcess(name, process);
        Thread pump = new Thread(server::pump, name + "-output");
        pump.setDaemon(true);
        pump.start();
        try {
            server.port.get(START_SECONDS, TimeUnit.SECONDS);
            return server;
        } catch (ExecutionException | TimeoutException e) {
            server.close();
            throw new IOException(name + " did not start listening (" + (e instanceof TimeoutException
                    ? "no port in " + START_SECONDS + " s" : "exit " + process.exitValue()) + "): "
                    + String.join(" ", command) + "\n" + String.join("\n", server.output()));
        }
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (output) {
                    if (output.size() == OUTPUT_KEPT) {
                        output.removeFirst();
                    }
                    output.addLast(line);
                }
                Matcher m = LISTENING.matcher(line);
                if (!port.isDone() && m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
        port.completeExceptionally(new IOException("output ended"));
    }

    int port() {
        return port.join();
    }

    long pid() {
        return process.pid();
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

    /**
     * The heap the server's live objects hold, in KiB: a full GC ({@code jcmd GC.run}), then the
     * used space of every generation ({@code jcmd GC.heap_info}; metaspace is not heap).
     */
    long liveHeapKiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        long total = 0;
        boolean any = false;
        while (used.find()) {
            total += Long.parseLong(used.group(1));
            any = true;
        }
        if (!any) {
            throw new IOException("no heap figures from jcmd GC.heap_info for " + name);
        }
        return total;
    }

    /** Runs {@code jcmd PID command args...} and returns what it printed. */
    String jcmd(String... commandAndArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid())));
        cmd.addAll(List.of(commandAndArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + String.join(" ", commandAndArgs) + " failed on " + name + ": "
                    + text.strip());
        }
        return text;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the server printed. */
    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
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
