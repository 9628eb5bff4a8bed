package io.servercore.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generator's command line, without connecting anywhere: {@code --help} says what each mode
 * does and how late sends are timed; a bad flag is one line naming the value and what is
 * allowed, exit status 2, nothing started; the defaults are the comparison's light chat load.
 */
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
    void helpNamesTheModesAndExitsZero() {
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

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        ";name a mode: chat or echo",
        "walk;Unmatched argument at index 0: 'walk'",
        "chat --rate 0;invalid --rate 0: allowed 0.001..10000",
        "chat --payload 10;invalid --payload 10: allowed 28..1024",
        "chat --sessions 100 --room-size 200;invalid --room-size 200: allowed 1..100",
        "chat --seconds 5 --warm-up 5;invalid --warm-up 5: allowed 0..4",
        "chat --poll-us -1;invalid --poll-us -1: allowed 0..100000",
        "echo --window 0;invalid --window 0: allowed 1..1024",
        "echo --port 70000;invalid --port 70000: allowed 1..65535",
        "echo --sessions 0;invalid --sessions 0: allowed 1..50000",
        "echo --rate 5;Unknown options: '--rate', '5'",
        "chat --seconds ten;Invalid value for option '--seconds': 'ten' is not an int"
    })
    void aBadFlagIsAnsweredInOneLineNamingTheValueAndWhatIsAllowed(String args, String message) {
        String[] argv = args == null ? new String[0] : args.split(" ");
        assertEquals(NeutralLoad.USAGE, run(argv));
        assertEquals("neutral-load: " + message + " (see --help)" + System.lineSeparator(), err.toString());
        assertEquals("", out.toString(), "nothing started");
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
