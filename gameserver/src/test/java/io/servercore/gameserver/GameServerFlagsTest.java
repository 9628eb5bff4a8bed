package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.cli.Flag;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code java -jar gameserver.jar}'s command line: every flag's bad value stops start-up with
 * one line in the form every jar of the repository uses, and {@code --help} says for each flag
 * what that line says is allowed.
 */
class GameServerFlagsTest {
    /**
     * A bad value of every flag: the arguments (separated by spaces, {@code ''} for an empty one)
     * and the line. Values the parser cannot read and values out of range are answered alike.
     */
    private static final String[][] BAD = {
        {"--host ''", "invalid --host '': allowed a host name or address"},
        {"--port abc", "invalid --port abc: allowed 0 (any free port) or 1..65535"},
        {"--port 70000", "invalid --port 70000: allowed 0 (any free port) or 1..65535"},
        {"--port", "invalid --port (no value): allowed 0 (any free port) or 1..65535"},
        {"--threads abc", "invalid --threads abc: allowed 0 (one per core) or 1..1024"},
        {"--threads 2000", "invalid --threads 2000: allowed 0 (one per core) or 1..1024"},
        {"--threads -1", "invalid --threads -1: allowed 0 (one per core) or 1..1024"},
        {"--transport epoll", "invalid --transport epoll: allowed servercore|jdk"},
        {"--max-sessions 0", "invalid --max-sessions 0: allowed 1..2147483647"},
        {"--max-sessions many", "invalid --max-sessions many: allowed 1..2147483647"},
        {"--max-frame 3", "invalid --max-frame 3: allowed 4..65535"},
        {"--max-frame 65536", "invalid --max-frame 65536: allowed 4..65535"},
        {"--room-capacity 0", "invalid --room-capacity 0: allowed 1..1000000"},
        {"--room-capacity 1e3", "invalid --room-capacity 1e3: allowed 1..1000000"},
        {"--chat-limit 65526", "invalid --chat-limit 65526: allowed 1..65525"},
        {"--packet-rate -1", "invalid --packet-rate -1: allowed 0 (off) or 1..1000000"},
        {"--packet-rate fast", "invalid --packet-rate fast: allowed 0 (off) or 1..1000000"},
        {"--packet-burst 0", "invalid --packet-burst 0: allowed 1..10000000"},
        {"--outbound-limit 65535", "invalid --outbound-limit 65535: allowed 65536..1099511627776"},
        {"--outbound-limit 4MiB", "invalid --outbound-limit 4MiB: allowed 65536..1099511627776"},
        {"--idle-timeout -1", "invalid --idle-timeout -1: allowed 0 (never) or 0.001..86400"},
        {"--idle-timeout 0.0001", "invalid --idle-timeout 0.0001: allowed 0 (never) or 0.001..86400"},
        {"--idle-timeout 1m", "invalid --idle-timeout 1m: allowed 0 (never) or 0.001..86400"},
        {"--broadcast-tick 1001", "invalid --broadcast-tick 1001: allowed 0 (off) or 1..1000"},
        {"--stats-interval NaN", "invalid --stats-interval NaN: allowed 0 (none) or 0.001..86400"},
        {"--stats-interval 86401", "invalid --stats-interval 86401: allowed 0 (none) or 0.001..86400"},
        {"--metrics-port 70000", "invalid --metrics-port 70000: allowed 0 (off) or 1..65535"},
        {"--metrics-port nine", "invalid --metrics-port nine: allowed 0 (off) or 1..65535"},
        {"--metrics-host x", "invalid --metrics-host x: allowed only with --metrics-port"},
        {"--metrics-port 9100 --metrics-host ''", "invalid --metrics-host '': allowed a host name or address"},
        {"--cluster http://127.0.0.1:4222", "invalid --cluster http://127.0.0.1:4222: allowed nats://HOST:PORT"},
        {"--cluster nats://127.0.0.1", "invalid --cluster nats://127.0.0.1: allowed nats://HOST:PORT"},
        {"--node-name x", "invalid --node-name x: allowed only with --cluster"},
        {"--cluster nats://127.0.0.1:4222 --node-name a/b",
            "invalid --node-name a/b: allowed 1 to 64 of A-Z a-z 0-9 _ -"},
        {"--thread 2", "unknown flag --thread (did you mean --threads?)"},
        {"--port 1 --port 2", "--port given more than once"},
    };

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GameServerMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String[] args(String line) {
        return Arrays.stream(line.split(" ")).map(a -> a.equals("''") ? "" : a).toArray(String[]::new);
    }

    @Test
    void aBadValueOfEveryFlagStopsStartUpWithOneLineNamingItAndWhatIsAllowed() {
        for (String[] row : BAD) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            assertEquals(2, run(args(row[0])), row[0] + ": " + err);
            assertEquals(List.of("gameserver: " + row[1] + " (see --help)"), err.toString().lines().toList(), row[0]);
            assertEquals("", out.toString(), row[0]);
        }
    }

    @Test
    void theTableAboveHasABadValueForEveryFlag() {
        Set<String> tried = Arrays.stream(BAD).flatMap(row -> Arrays.stream(args(row[0])))
                .filter(a -> a.startsWith("--")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(flagsOfHelp(), tried.stream().filter(flagsOfHelp()::contains)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void helpSaysForEveryFlagWhatItsErrorSaysIsAllowed() {
        for (OptionSpec option : options()) {
            Flag flag = GameServerFlags.ALL.get(option.longestName());
            assertNotNull(flag, option.longestName() + " has no entry in GameServerFlags");
            String description = String.join(" ", option.description());
            assertTrue(description.contains(flag.allowed()),
                    option.longestName() + ": '" + description + "' does not say '" + flag.allowed() + "'");
        }
        assertEquals(0, run("--help"));
        for (String flag : flagsOfHelp()) {
            assertTrue(out.toString().contains(flag), flag + " missing from --help");
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "1024"})
    void zeroThreadsMeansOnePerCore(int threads) {
        GameServerOptions options = new GameServerOptions();
        new CommandLine(options).parseArgs("--threads", Integer.toString(threads));
        int expected = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        assertEquals(expected, options.toConfig().threads());
    }

    @Test
    void roomsGatherBroadcastsForTenMillisecondsUnlessToldOtherwise() {
        GameServerOptions byDefault = new GameServerOptions();
        new CommandLine(byDefault).parseArgs();
        assertEquals(10, byDefault.toConfig().broadcastTickMillis(), "the default the benchmark chose");
        assertEquals(10, GameServerConfig.defaults(7777).broadcastTickMillis(), "the library's defaults agree");
        GameServerOptions off = new GameServerOptions();
        new CommandLine(off).parseArgs("--broadcast-tick", "0");
        assertEquals(0, off.toConfig().broadcastTickMillis());
    }

    private static List<OptionSpec> options() {
        return new CommandLine(new GameServerOptions()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    private static Set<String> flagsOfHelp() {
        return options().stream().map(OptionSpec::longestName).collect(Collectors.toCollection(TreeSet::new));
    }
}
