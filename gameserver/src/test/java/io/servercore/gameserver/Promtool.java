package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's own linter for the text format, {@code promtool check metrics}, from Debian's
 * {@code prometheus} package. Where it is not installed a test that needs it is skipped with one
 * line saying how to install it; in CI ({@code CI} set, as {@code .ci/run} does, which installs it)
 * a missing promtool fails the test instead.
 */
final class Promtool {
    static final String INSTALL = "promtool not found; install it with: apt-get install prometheus";

    private Promtool() {
    }

    /** The promtool binary, or null. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path debian = Path.of("/usr/bin/promtool");
        return Files.isExecutable(debian) ? debian : null;
    }

    /** The promtool to use: skips the test where there is none, fails it in CI. */
    static Path require() {
        Path promtool = find();
        if (promtool == null && System.getenv("CI") != null) {
            fail(INSTALL + " (CI requires it)");
        }
        Assumptions.assumeTrue(promtool != null, INSTALL);
        return promtool;
    }

    /** Runs {@code promtool check rules} on {@code file}: fails with what it said unless every expression parses. */
    static void checkRules(Path promtool, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool check rules did not finish in 30 s");
        }
        if (process.exitValue() != 0) {
            fail("promtool check rules (exit " + process.exitValue() + "):\n" + said + "\n" + Files.readString(file));
        }
    }

    /** Runs {@code promtool check metrics} on {@code exposition}; fails with what it said unless it is clean. */
    static void checkMetrics(Path promtool, String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool check metrics did not finish in 30 s");
        }
        if (process.exitValue() != 0 || !said.isBlank()) {
            fail("promtool check metrics (exit " + process.exitValue() + "):\n" + said);
        }
    }
}
