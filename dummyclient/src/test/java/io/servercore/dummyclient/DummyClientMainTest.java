package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.cli.Flag;
import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.config.Mode;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.config.SwarmFlags;
import io.servercore.dummyclient.config.SwarmOptions;
import io.servercore.gameserver.GameServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** The command line: flags, help, exit status, summary and JSON. */
class DummyClientMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int main(String... args) {
        return DummyClientMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /**
     * A bad value of every flag: the arguments (separated by spaces, {@code ''} for an empty one)
     * and the line. Values the parser cannot read and values out of range are answered alike.
     */
    private static final String[][] BAD = {
        {"--host ''", "invalid --host '': allowed a host name or address"},
        {"--port 70000", "invalid --port 70000: allowed 1..65535"},
        {"--port 0", "invalid --port 0: allowed 1..65535"},
        {"--targets 127.0.0.1:7001,nohost",
            "invalid --targets nohost: allowed HOST:PORT with PORT 1..65535, comma-separated"},
        {"--clients 0", "invalid --clients 0: allowed 1..1000000"},
        {"--clients abc", "invalid --clients abc: allowed 1..1000000"},
        {"--rooms 0", "invalid --rooms 0: allowed 1..1000000"},
        {"--connect-rate 0", "invalid --connect-rate 0: allowed 1..1000000"},
        {"--chat-rate 0.0001", "invalid --chat-rate 0.0001: allowed 0 (off) or 0.001..1000"},
        {"--chat-rate NaN", "invalid --chat-rate NaN: allowed 0 (off) or 0.001..1000"},
        {"--payload 8", "invalid --payload 8: allowed 32..65525"},
        {"--move-rate 1001", "invalid --move-rate 1001: allowed 0 (off) or 0.001..1000"},
        {"--ping-interval often", "invalid --ping-interval often: allowed 0 (off) or 0.001..3600"},
        {"--duration -1", "invalid --duration -1: allowed 0..31536000"},
        {"--mode burst", "invalid --mode burst: allowed chat|echo"},
        {"--window 0", "invalid --window 0: allowed 1..100000"},
        {"--json", "invalid --json (no value): allowed a file path"},
        {"--html", "invalid --html (no value): allowed a file path"},
        {"--threads -2", "invalid --threads -2: allowed 0 (one per core) or 1..1024"},
        {"--threads 2000", "invalid --threads 2000: allowed 0 (one per core) or 1..1024"},
        {"--threads abc", "invalid --threads abc: allowed 0 (one per core) or 1..1024"},
        {"--transport epoll", "invalid --transport epoll: allowed servercore|jdk"},
        {"--max-p99 -1", "invalid --max-p99 -1: allowed 0 (off) or 0.001..3600000"},
        {"--attack burst", "invalid --attack burst: allowed malformed|drip|flood|never-read|reset|churn"},
        {"--attack flood,drip,flood", "invalid --attack flood,drip,flood: allowed each attack at most once"},
        {"--attackers 0", "invalid --attackers 0: allowed 1..100000"},
        {"--cycle-rate 0", "invalid --cycle-rate 0: allowed 0.001..1000"},
        {"--flood-rate x", "invalid --flood-rate x: allowed 1..1000000"},
        {"--drip-interval 0", "invalid --drip-interval 0: allowed 0.001..3600"},
        {"--clinets 10", "unknown flag --clinets (did you mean --clients?)"},
    };

    static Stream<Arguments> badValues() {
        return Arrays.stream(BAD).map(row -> Arguments.of(row[0], row[1]));
    }

    private static String[] args(String line) {
        return Arrays.stream(line.split(" ")).map(a -> a.equals("''") ? "" : a).toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsOneLineNamingFlagValueAndRangeAndExitsTwo(String args, String message) {
        assertEquals(DummyClientMain.USAGE, main(args(args)));
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertEquals("dummyclient: " + message + " (see --help)", lines.get(0));
        assertEquals("", out.toString());
    }

    @Test
    void theTableAboveHasABadValueForEveryFlag() {
        Set<String> tried = Arrays.stream(BAD).flatMap(row -> Arrays.stream(args(row[0])))
                .filter(a -> a.startsWith("--")).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(tried.containsAll(flagsOfHelp()), "no bad value tried for " + flagsOfHelp().stream()
                .filter(f -> !tried.contains(f)).toList());
    }

    @Test
    void helpSaysForEveryFlagWhatItsErrorSaysIsAllowed() {
        for (OptionSpec option : options()) {
            Flag flag = SwarmFlags.ALL.get(option.longestName());
            assertNotNull(flag, option.longestName() + " has no entry in SwarmFlags");
            String description = String.join(" ", option.description());
            assertTrue(description.contains(flag.allowed()),
                    option.longestName() + ": '" + description + "' does not say '" + flag.allowed() + "'");
        }
        assertEquals(0, main("--help"));
        for (String flag : flagsOfHelp()) {
            assertTrue(out.toString().contains(flag), flag + " missing from:\n" + out);
        }
    }

    private static List<OptionSpec> options() {
        return new CommandLine(new SwarmOptions()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    private static Set<String> flagsOfHelp() {
        return options().stream().map(OptionSpec::longestName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void defaultsAreSensible() {
        SwarmConfig config = DummyClientMain.parse();
        assertEquals("127.0.0.1", config.host());
        assertEquals(7777, config.port());
        assertEquals(Mode.CHAT, config.mode());
        assertEquals(Runtime.getRuntime().availableProcessors(), config.threads());
    }

    @Test
    void noPlayersOnlyBesideAnAttack() {
        assertEquals(DummyClientMain.USAGE, main("--clients", "0"));
        SwarmConfig config = DummyClientMain.parse("--clients", "0", "--attack", "churn,never-read");
        assertEquals(List.of(AttackMode.CHURN, AttackMode.NEVER_READ), config.attack().modes());
        assertEquals(0, config.calmNanos());
        assertEquals(List.of(), DummyClientMain.parse().attack().modes());
    }

    @Test
    @Timeout(30)
    void aCleanRunPrintsTheSummaryWritesJsonAndExitsZero(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        try (GameServer server = Runs.gameServer(200)) {
            int status = main("--host", "127.0.0.1", "--port", Integer.toString(server.address().getPort()),
                    "--clients", "20", "--rooms", "2", "--chat-rate", "10", "--duration", "1", "--threads", "1",
                    "--json", json.toString());
            assertEquals(0, status, out + "\n" + err);
        }
        String summary = out.toString();
        assertTrue(summary.contains("RESULT: OK (exit 0)"), summary);
        assertTrue(summary.contains("chat latency"), summary);
        String text = Files.readString(json);
        assertTrue(text.startsWith("{") && text.endsWith("}\n"), text);
        assertTrue(text.contains("\"exitStatus\": 0"), text);
        assertTrue(text.contains("\"failures\": []"), text);
        assertTrue(text.contains("\"chats\": {\"askedPerSecond\": 200.0"), text);
        assertTrue(text.contains("\"p99\": "), text);
    }

    @Test
    @Timeout(30)
    void aRunThatCannotConnectAtAllSaysSoInOneLineNotATableOfZeros(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free once closed: nothing listens there
        }
        Path json = dir.resolve("run.json");
        Path html = dir.resolve("run.html");
        int status = main("--host", "127.0.0.1", "--port", Integer.toString(port), "--clients", "10", "--threads", "1",
                "--json", json.toString(), "--html", html.toString());
        assertEquals(1, status, out + "\n" + err);
        // Progress lines, if a connect took long enough for one, then one line and nothing else.
        List<String> lines = out.toString().lines().filter(l -> !l.startsWith("[")).toList();
        String said = "RESULT: FAILED (exit 1): could not connect to 127.0.0.1:" + port + " at all: 10 connects failed"
                + " (first: cannot connect to /127.0.0.1:" + port + ": Connection refused";
        assertEquals(1, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith(said), lines.get(0));
        assertEquals("", err.toString());
        // The files are still written for scripts: the JSON with every figure, the page with the one line.
        assertTrue(Files.readString(json).contains("\"connectFailures\": 10"), Files.readString(json));
        String page = Files.readString(html);
        assertTrue(page.contains("<p id=\"unreachable\">could not connect to 127.0.0.1:" + port + " at all"), page);
        assertTrue(!page.contains("<svg"), "no charts of nothing");
    }
}
