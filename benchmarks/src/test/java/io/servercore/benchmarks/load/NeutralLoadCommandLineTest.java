package io.servercore.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.benchmarks.CommandLineChecks;
import io.servercore.benchmarks.CommandLineChecks.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The generator's command line, without connecting anywhere: {@code --help} says what each mode
 * does and how late sends are timed; a bad value of every flag, an unknown flag, a missing value
 * or a repeated flag is one line naming it and what is allowed, exit status 2, nothing started;
 * the defaults are the comparison's light chat load.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NeutralLoadCommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NeutralLoad.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static LoadConfig parse(String... args) {
        return NeutralLoad.parse(args, new PrintWriter(new StringWriter()));
    }

    @Test
    void helpNamesTheModesAndExitsZero() throws Exception {
        CommandLineChecks.assertHelpIsTheUsageAlone(NeutralLoad::run, spec(null));
        assertEquals(0, run("--help"));
        String usage = out.toString().replaceAll("\\s+", " ");
        assertTrue(usage.startsWith("Usage: neutral-load"), usage);
        assertTrue(usage.contains("chat") && usage.contains("echo"), usage);
        assertTrue(usage.contains("one thread, one java.nio Selector"), usage);
        assertEquals("", err.toString());
        assertNull(parse("--help"), "help is no run");
    }

    @Test
    void chatHelpSaysHowLateSendsAreTimedAndWhy() {
        assertEquals(0, run("chat", "--help"));
        String usage = out.toString().replaceAll("\\s+", " ");
        assertTrue(usage.startsWith("Usage: neutral-load chat"), usage);
        for (String words : List.of("goes out at once", "still counts from its due time", "coordinated omission",
                "up to 1 ms late", "--poll-us", "--room-size", "--rate", "--payload", "--json")) {
            assertTrue(usage.contains(words), words + " missing from:\n" + usage);
        }
    }

    /** A bad value of every flag of both modes: the arguments and the line; none may start a run. */
    private static final String[][] BAD = {
        {"", "name a mode: chat|echo"},
        {"walk", "unexpected argument walk"},
        {"--port 7777 chat", "unknown flag --port"},
        {"echo --host ''", "invalid --host '': allowed a host name or address"},
        {"echo --port 70000", "invalid --port 70000: allowed 1..65535"},
        {"echo --port 0", "invalid --port 0: allowed 1..65535"},
        {"echo --sessions 0", "invalid --sessions 0: allowed 1..50000"},
        {"echo --sessions many", "invalid --sessions many: allowed 1..50000"},
        {"chat --seconds ten", "invalid --seconds ten: allowed 1..3600"},
        {"chat --seconds 5 --warm-up 5", "invalid --warm-up 5: allowed 0..4 (less than --seconds)"},
        {"chat --warm-up", "invalid --warm-up (no value): allowed 0..3599, less than --seconds"},
        {"echo --drain 601", "invalid --drain 601: allowed 0..600"},
        {"echo --ready-timeout 0", "invalid --ready-timeout 0: allowed 1..600"},
        {"chat --json ''", "invalid --json '': allowed a file path"},
        {"chat --room-size 1001", "invalid --room-size 1001: allowed 1..1000, at most --sessions"},
        {"chat --sessions 100 --room-size 200", "invalid --room-size 200: allowed 1..100 (at most --sessions)"},
        {"chat --rate 0", "invalid --rate 0: allowed 0.001..10000"},
        {"chat --payload 10", "invalid --payload 10: allowed 28..1024"},
        {"chat --poll-us -1", "invalid --poll-us -1: allowed 0 (never polls) or 1..100000"},
        {"echo --window 0", "invalid --window 0: allowed 1..1024"},
        {"echo --rate 5", "unknown flag --rate"},
        {"echo --window 1 --window 2", "--window given more than once"},
    };
    /** NeutralLoad, on arguments its parser is first seen to refuse: a row that a slip made valid fails, not runs. */
    private static final Main REFUSED = (args, out, err) -> {
        assertThrows(RuntimeException.class, () -> parse(args), () -> "would start a run: " + String.join(" ", args));
        return NeutralLoad.run(args, out, err);
    };

    private static CommandSpec spec(String mode) {
        CommandLine cli = new CommandLine(new LoadOptions());
        return mode == null ? cli.getCommandSpec() : cli.getSubcommands().get(mode).getCommandSpec();
    }

    @Test
    void eachModesHelpIsItsUsageAloneAndExitsZero() throws Exception {
        CommandLineChecks.assertHelpIsTheUsageAlone(NeutralLoad::run, spec("chat"), "chat");
        CommandLineChecks.assertHelpIsTheUsageAlone(NeutralLoad::run, spec("echo"), "echo");
    }

    @Test
    void aBadValueOfEveryFlagIsAnsweredInOneLineNamingItAndWhatIsAllowed() throws Exception {
        CommandLineChecks.assertEachIsAnsweredInOneLine(REFUSED, "neutral-load", BAD);
        CommandLineChecks.assertEveryFlagIsTried(BAD, spec("chat"), spec("echo"));
    }

    @Test
    void helpSaysForEveryFlagWhatItsErrorSaysIsAllowed() {
        CommandLineChecks.assertHelpSaysWhatIsAllowed(LoadFlags.ALL, spec("chat"), spec("echo"));
    }

    @Test
    void theChatDefaultsAreTheComparisonsLightLoad() {
        LoadConfig c = parse("chat");
        assertEquals(LoadConfig.Mode.CHAT, c.mode());
        assertEquals(1000, c.sessions());
        assertEquals(10, c.rooms());
        assertEquals(2.0, c.rate());
        assertEquals(64, c.payload());
        assertEquals(200_000, c.deliveriesAsked(), "2 chats/s from 1,000 sessions, each to the 100 of its room");
        assertEquals(10, c.seconds());
        assertEquals(3, c.warmUp());
        assertEquals(0, c.pollMicros(), "sleeping in select: polling loses its core's fair share on a busy machine");
        assertNull(c.json());
    }

    @Test
    void sessionsAreDealtIntoRoomsLikeCards() {
        LoadConfig c = parse("chat", "--sessions", "7", "--room-size", "3", "--json", "out.json");
        assertEquals(2, c.rooms(), "7 / 3");
        assertEquals(List.of(0, 1, 0, 1, 0, 1, 0), List.of(c.roomOf(0), c.roomOf(1), c.roomOf(2), c.roomOf(3),
                c.roomOf(4), c.roomOf(5), c.roomOf(6)));
        assertEquals(4, c.members(0));
        assertEquals(3, c.members(1));
        assertEquals(Path.of("out.json"), c.json());
    }

    @Test
    void echoTakesItsWindow() {
        LoadConfig c = parse("echo", "--sessions", "4", "--window", "1", "--port", "7000", "--host", "localhost");
        assertEquals(LoadConfig.Mode.ECHO, c.mode());
        assertEquals(1, c.window());
        assertEquals(7000, c.port());
        assertEquals("localhost", c.host());
        assertEquals(0, c.rooms());
    }
}
