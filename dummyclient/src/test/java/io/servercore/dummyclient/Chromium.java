package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium} package) for tests that check what a page looks
 * like once its scripts ran. Where it is not installed such a test is skipped with one line saying
 * how to install it; in CI ({@code CI} set, as {@code .ci/run} does, which installs it) a missing
 * Chromium fails the test instead.
 */
final class Chromium {
    static final String INSTALL = "chromium not found; install it with: apt-get install chromium";

    private Chromium() {
    }

    /** The chromium binary, or null. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path debian = Path.of("/usr/bin/chromium");
        return Files.isExecutable(debian) ? debian : null;
    }

    /** The chromium to use: skips the test where there is none, fails it in CI. */
    static Path require() {
        Path chromium = find();
        if (chromium == null && System.getenv("CI") != null) {
            fail(INSTALL + " (CI requires it)");
        }
        Assumptions.assumeTrue(chromium != null, INSTALL);
        return chromium;
    }

    /**
     * Loads {@code page} headless, with a fresh profile in {@code profile}, no network of its own
     * (no background fetches, updates or sync), and returns the DOM once the page has loaded and
     * its scripts ran.
     */
    static String dumpDom(Path chromium, Path page, Path profile) throws IOException, InterruptedException {
        Path dom = Files.createTempFile(profile.getParent(), "dom", ".html");
        Process process = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString()))
                .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not render " + page + " within 60 s");
        }
        String text = Files.readString(dom, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || text.isBlank()) {
            fail("chromium exited " + process.exitValue() + " rendering " + page + ": " + text);
        }
        return text;
    }
}
