package io.servercore.gameserver;

import io.servercore.testing.Await;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GameServerMain} in a JVM of its own, as a user starts it, for the tests of what only a
 * process shows: signals, exit status, descriptor limits. A thread copies the child's output
 * lines as they come, so no test blocks on a read that never returns; tests wait on the lines
 * with a deadline.
 *
 * <p>Thread-safe: the lines are a concurrent list; {@link #close()} ends the child.
 */
final class ChildServer implements AutoCloseable {
    /** A cold JVM on a busy 2-core machine takes a few seconds to listen; this is far more. */
    private static final long START_SECONDS = 30;
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final int port;

    private ChildServer(Process process) {
        this.process = process;
        Thread pump = new Thread(this::pump, "child-server-output");
        pump.setDaemon(true);
        pump.start();
        boolean listening = Await.condition(START_SECONDS, TimeUnit.SECONDS,
                () -> portIn(lines).isPresent() || !process.isAlive());
        OptionalInt logged = portIn(lines);
        if (!listening || logged.isEmpty()) {
            process.destroyForcibly();
            throw new AssertionError("the server did not log its port within " + START_SECONDS + " s"
                    + (process.isAlive() ? "" : " (it exited)") + "; its output: " + lines);
        }
        this.port = logged.getAsInt();
    }

    /** Starts {@code java -cp <this class path> GameServerMain <args>} on 127.0.0.1 and waits until it listens. */
    static ChildServer start(String... args) throws IOException {
        return new ChildServer(new ProcessBuilder(command(args)).redirectErrorStream(true).start());
    }

    /** As {@link #start}, through bash with {@code ulimit -n openFiles} first. */
    static ChildServer startWithOpenFileLimit(int openFiles, String... args) throws IOException {
        StringBuilder line = new StringBuilder("ulimit -n " + openFiles + " && exec");
        for (String word : command(args)) {
            line.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        return new ChildServer(new ProcessBuilder("bash", "-c", line.toString()).redirectErrorStream(true).start());
    }

    private static List<String> command(String... args) {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                GameServerMain.class.getName(), "--host", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(args));
        return command;
    }

    int port() {
        return port;
    }

    /** The output lines so far; a live view. */
    List<String> lines() {
        return lines;
    }

    Process process() {
        return process;
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    private static OptionalInt portIn(List<String> lines) {
        for (String line : lines) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    /** Asks the child to stop (SIGTERM), waits up to 10 s, then kills it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
