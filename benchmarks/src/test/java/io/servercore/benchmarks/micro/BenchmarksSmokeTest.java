package io.servercore.benchmarks.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every micro benchmark once, briefly, so that a broken benchmark (an exception, a leak
 * its teardown catches, a parameter that no longer parses) fails the build. The figures mean
 * nothing: no warm-up, one short iteration, in this JVM rather than a fork.
 */
class BenchmarksSmokeTest {
    private static final String MICRO = "io\\.servercore\\.benchmarks\\.micro\\..*";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyBenchmarkRunsAndScores() throws Exception {
        Map<String, Integer> expected = expectedRuns();
        assertTrue(expected.size() >= 4, "benchmark list looks empty: " + expected);

        Options options = new OptionsBuilder()
                .include(MICRO)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(150))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Map<String, Integer> ran = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            assertTrue(score > 0, benchmark + " " + paramsOf(result) + " scored " + score);
            ran.merge(benchmark, 1, Integer::sum);
        }
        assertEquals(expected, ran, "runs per benchmark (one per parameter combination)");
    }

    /** Each benchmark of the package in JMH's generated list, with its number of parameter combinations. */
    private static Map<String, Integer> expectedRuns() {
        SortedSet<BenchmarkListEntry> entries = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()),
                        VerboseMode.SILENT),
                List.of(MICRO), List.of());
        Map<String, Integer> expected = new TreeMap<>();
        for (BenchmarkListEntry entry : entries) {
            int combinations = 1;
            if (entry.getParams().hasValue()) {
                for (String[] values : entry.getParams().get().values()) {
                    combinations *= values.length;
                }
            }
            expected.merge(entry.getUsername(), combinations, Integer::sum);
        }
        return expected;
    }

    private static Map<String, String> paramsOf(RunResult result) {
        Map<String, String> params = new TreeMap<>();
        for (String key : result.getParams().getParamsKeys()) {
            params.put(key, result.getParams().getParam(key));
        }
        return params;
    }
}
