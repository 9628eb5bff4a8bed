package io.servercore.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of a comparison, as small as it goes, with each load generator: the Netty
 * reference server in a JVM of its own (from this test's class path), the neutral generator
 * from the same class path or dummyclient's jar (built by the reactor before this module), four
 * sessions of echo for two seconds, one round, nothing pinned; the results file must carry the
 * command, which generator made the figures, the figures it reported, and no note of anything
 * lost. No figure's size is asserted: speed belongs in the real run.
 */
class CompareEndToEndTest {
    @TempDir
    Path results;

    @ParameterizedTest
    @ValueSource(strings = {"neutral", "dummyclient"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTinyEchoRunWritesItsFiguresToTheResultsFile(String generator) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {"--servers", "netty-consolidated", "--only", "echo-16", "--sessions", "4", "--seconds", "2",
            "--warm-up", "0", "--server-warm-up", "0", "--rounds", "1", "--no-pin", "--generator", generator,
            "--swarm-transport", "default", "--root", "..", "--netty-classpath", System.getProperty("java.class.path"),
            "--out", results.toString()};

        int status = Compare.run(args, new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(0, status, out + "\n" + err);
        List<Path> files;
        try (Stream<Path> listing = Files.list(results)) {
            files = listing.toList();
        }
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).getFileName().toString().matches("e2e-\\d{4}-\\d\\d-\\d\\d-echo-16\\.md"),
                files.get(0).toString());
        String md = Files.readString(files.get(0), StandardCharsets.UTF_8);
        assertTrue(md.contains("--servers netty-consolidated --only echo-16 --sessions 4"), "the command:\n" + md);
        for (String figure : List.of("round trips (/s, more is better)", "round trip p50, median second",
                "round trip p99, worst second", "round trips per second of server CPU")) {
            String row = md.lines().filter(l -> l.startsWith("| echo, 4 sessions, 16 in flight each | " + figure))
                    .findFirst().orElseThrow(() -> new AssertionError("no row " + figure + " in\n" + md));
            assertTrue(row.matches("\\| [^|]+ \\| [^|]+ \\| [0-9.,]+ \\| [0-9.,]+ \\|"),
                    "a figure, read from the swarm, in: " + row);
        }
        assertTrue(md.contains("- not pinned (--no-pin)"), md);
        assertTrue(md.contains("- load generator: " + generator + " (`--generator " + generator + "`)"), md);
        assertTrue(md.toLowerCase(java.util.Locale.ROOT).contains("neutral is the default because dummyclient"),
                "why neutral is the default:\n" + md);
        assertTrue(md.contains("## Notes\n\nNone"), "the swarm found something wrong:\n" + md);
    }
}
