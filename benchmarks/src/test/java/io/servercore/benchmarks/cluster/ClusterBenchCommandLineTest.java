package io.servercore.benchmarks.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.servercore.benchmarks.CommandLineChecks;
import io.servercore.benchmarks.CommandLineChecks.Main;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * ClusterBench's command line, without starting nats-server, a node or the swarm: {@code --help}
 * is the usage alone; a bad value of every flag, an unknown flag, a missing value (the last one
 * too) or a repeated flag is one line naming it and what is allowed, exit status 2; the defaults
 * are the load its javadoc describes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClusterBenchCommandLineTest {
    /** A bad value of every flag: the arguments and the line; none may start a run. */
    private static final String[][] BAD = {
        {"--clients 0", "invalid --clients 0: allowed 1..1000000"},
        {"--clients many", "invalid --clients many: allowed 1..1000000"},
        {"--rooms 0", "invalid --rooms 0: allowed 1..1000000, at most --clients"},
        {"--clients 10 --rooms 20", "invalid --rooms 20: allowed 1..10 (at most --clients)"},
        {"--chat-rate 0", "invalid --chat-rate 0: allowed 0.001..1000"},
        {"--chat-rate fast", "invalid --chat-rate fast: allowed 0.001..1000"},
        {"--duration 0", "invalid --duration 0: allowed 1..3600"},
        {"--duration 6 --warmup 6", "invalid --warmup 6: allowed 0..5 (less than --duration)"},
        {"--warmup -1", "invalid --warmup -1: allowed 0..9 (less than --duration)"},
        {"--clients 50 --warmup", "invalid --warmup (no value): allowed 0..3599, less than --duration"},
        {"--client 50", "unknown flag --client (did you mean --clients?)"},
        {"--duration 5 --duration 6", "--duration given more than once"},
        {"50", "unexpected argument 50"},
    };
    /** ClusterBench, on arguments its parser is first seen to refuse: a row that a slip made valid fails, not runs. */
    private static final Main REFUSED = (args, out, err) -> {
        assertThrows(RuntimeException.class, () -> parse(args), () -> "would start a run: " + String.join(" ", args));
        return ClusterBench.run(args, out, err);
    };

    private static CommandSpec spec() {
        return new CommandLine(new ClusterOptions()).getCommandSpec();
    }

    private static ClusterOptions.Load parse(String... args) {
        ClusterOptions options = new ClusterOptions();
        new CommandLine(options).parseArgs(args);
        return options.toLoad();
    }

    @Test
    void helpPrintsTheUsageAloneAndExitsZeroWithoutStartingAnything() throws Exception {
        CommandLineChecks.assertHelpIsTheUsageAlone(ClusterBench::run, spec());
    }

    @Test
    void aBadValueOfEveryFlagIsAnsweredInOneLineNamingItAndWhatIsAllowed() throws Exception {
        CommandLineChecks.assertEachIsAnsweredInOneLine(REFUSED, "cluster-bench", BAD);
        CommandLineChecks.assertEveryFlagIsTried(BAD, spec());
    }

    @Test
    void helpSaysForEveryFlagWhatItsErrorSaysIsAllowed() {
        CommandLineChecks.assertHelpSaysWhatIsAllowed(ClusterFlags.ALL, spec());
    }

    @Test
    void theDefaultsAreTwoHundredPlayersInOneRoomAtTwentyChatsASecond() {
        assertEquals(new ClusterOptions.Load(200, 1, 20, 10, 3), parse());
        assertEquals(new ClusterOptions.Load(50, 2, 10, 6, 3),
                parse("--clients", "50", "--rooms", "2", "--chat-rate", "10", "--duration", "6", "--warmup", "3"));
    }
}
