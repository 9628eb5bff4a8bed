package io.servercore.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A load generator running in a JVM of its own against a server: its output goes to a file
 * that can be watched while it runs; at the end its JSON and output are read back as a
 * {@link LoadRun}. Closing it ends it and deletes its files.
 *
 * <p>Owned by the runner's thread.
 */
final class GeneratorProcess implements AutoCloseable {
    private final Generator generator;
    private final Process process;
    private final List<String> command;
    private final Path log;
    private final Path json;

    private GeneratorProcess(Generator generator, Process process, List<String> command, Path log, Path json) {
        this.generator = generator;
        this.process = process;
        this.command = command;
        this.log = log;
        this.json = json;
    }

    /** Starts {@code generator}: {@code javaAndMain} then its arguments for {@code load} for {@code seconds}. */
    static GeneratorProcess start(Generator generator, List<String> javaAndMain, int port, Load load, int seconds,
                                  int warmUp) throws IOException {
        Path json = Files.createTempFile("load", ".json");
        Path log = Files.createTempFile("load", ".log");
        List<String> command = new ArrayList<>(javaAndMain);
        command.addAll(generator.args(load, port, json, seconds, warmUp));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new GeneratorProcess(generator, process, command, log, json);
    }

    /** The seconds of load printed so far, parsed. */
    List<LoadRun.Second> secondsSoFar() throws IOException {
        return generator.progress(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the generator if it still runs and deletes its files: for a run abandoned on the way. */
    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(log);
        Files.deleteIfExists(json);
    }

    /** Waits for the end and reads the figures; kills the generator after {@code timeoutSeconds}. */
    LoadRun finish(long timeoutSeconds) throws IOException, InterruptedException {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IOException("the load generator did not finish in " + timeoutSeconds + " s: " + command);
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String text = Files.readString(json, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new IOException("the load generator wrote no figures (exit " + process.exitValue() + "): "
                        + command + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20),
                        lines.size())));
            }
            try {
                return generator.read(text, lines, process.exitValue());
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new IOException("cannot read the load generator's figures: " + e.getMessage() + ": " + command);
            }
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(json);
        }
    }
}
