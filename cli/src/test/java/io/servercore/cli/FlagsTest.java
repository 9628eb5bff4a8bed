package io.servercore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The one line every jar answers a bad flag with, whether picocli or a range check found it. */
class FlagsTest {
    static final Range THREADS = Range.of("--threads", 1, 1024).orZero("one per core");
    static final Range RATE = Range.of("--rate", 0.001, 1000).orZero("off");
    static final Flag MODE = new Flag("--mode", "chat|echo");
    static final Flags FLAGS = Flags.of(List.of(THREADS.asFlag(), RATE.asFlag(), MODE));

    @Command(name = "tool")
    static final class Options {
        @Option(names = "--threads", defaultValue = "0")
        int threads;

        @Option(names = "--rate", defaultValue = "1")
        double rate;

        @Option(names = "--mode", defaultValue = "chat")
        String mode;
    }

    /** Parses {@code args} and checks them as a jar does; returns the line it would print. */
    private static String line(String... args) {
        Options options = new Options();
        try {
            new CommandLine(options).parseArgs(args);
            THREADS.check(options.threads);
            RATE.check(options.rate);
            if (!List.of("chat", "echo").contains(options.mode)) {
                throw MODE.invalid(options.mode);
            }
            return "ok";
        } catch (CommandLine.ParameterException e) {
            return FLAGS.explain(e);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "--threads abc;    invalid --threads abc: allowed 0 (one per core) or 1..1024",
        "--threads 2000;   invalid --threads 2000: allowed 0 (one per core) or 1..1024",
        "--threads -1;     invalid --threads -1: allowed 0 (one per core) or 1..1024",
        "--threads=9e9;    invalid --threads 9e9: allowed 0 (one per core) or 1..1024",
        "--rate 0.0001;    invalid --rate 0.0001: allowed 0 (off) or 0.001..1000",
        "--rate NaN;       invalid --rate NaN: allowed 0 (off) or 0.001..1000",
        "--rate 1e4;       invalid --rate 10000: allowed 0 (off) or 0.001..1000",
        "--rate x;         invalid --rate x: allowed 0 (off) or 0.001..1000",
        "--mode burst;     invalid --mode burst: allowed chat|echo",
        "--threads;        invalid --threads (no value): allowed 0 (one per core) or 1..1024",
        "--mode --rate 2;  invalid --mode (no value): allowed chat|echo",
        "--thread 2;       unknown flag --thread (did you mean --threads?)",
        "--bogus=1;        unknown flag --bogus",
        "extra;            unexpected argument extra",
        "--rate 1 --rate 2; --rate given more than once",
        "--threads 0;      ok",
        "--rate 0;         ok",
    })
    void aBadValueIsAnsweredInOneFormWhoeverFoundIt(String args, String expected) {
        assertEquals(expected, line(args.split(" ")));
    }

    @Test
    void aValueThatHidesItsEndIsQuoted() {
        assertEquals("invalid --mode '': allowed chat|echo", line("--mode", ""));
        assertEquals("invalid --mode 'a b': allowed chat|echo", line("--mode", "a b"));
        assertEquals("invalid --mode nats://h:1: allowed chat|echo", line("--mode", "nats://h:1"));
    }

    @Test
    void numbersAreWrittenAsPeopleWriteThem() {
        assertEquals("1000000", Range.number(1e6));
        assertEquals("0.001", Range.number(0.001));
        assertEquals("-1", Range.number(-1.0));
        assertEquals("1099511627776", Range.number(1L << 40));
        assertEquals("NaN", Range.number(Double.NaN));
    }

    @Test
    void aRangeWhoseZeroLiesInsideItCannotNameIt() {
        assertThrows(IllegalArgumentException.class, () -> Range.of("--port", 0, 65535).orZero("any"));
        assertThrows(IllegalArgumentException.class, () -> Range.of("--port", 9, 1));
        assertThrows(IllegalArgumentException.class, () -> new Flag("port", "1..2"));
        assertThrows(IllegalArgumentException.class, () -> Flags.of(List.of(MODE, MODE)));
    }

    @Test
    void theLineNamesTheCommandAndPointsAtHelp() {
        StringWriter err = new StringWriter();
        assertEquals(2, Flags.usage(new PrintWriter(err), "tool", "invalid --mode x: allowed chat|echo"));
        assertEquals("tool: invalid --mode x: allowed chat|echo (see --help)" + System.lineSeparator(), err.toString());
    }

    @Test
    void parseRunsWithTheSettingsWhenTheCommandLineIsGood() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Options options = new Options();
        Parsed<Integer> parsed = FLAGS.parse("tool", new CommandLine(options), new String[] {"--threads", "3"},
                new PrintWriter(out), new PrintWriter(err), () -> THREADS.check(options.threads));
        assertTrue(parsed.runs());
        assertEquals(3, parsed.settings());
        assertEquals("", out.toString() + err.toString());
    }

    @Test
    void parseAnswersHelpOnOutWithoutMakingSettings() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Parsed<Object> parsed = FLAGS.parse("tool", new CommandLine(new HelpOptions()), new String[] {"--help"},
                new PrintWriter(out), new PrintWriter(err), () -> fail("settings made for --help"));
        assertFalse(parsed.runs());
        assertEquals(0, parsed.status());
        assertTrue(out.toString().startsWith("Usage: tool"), out.toString());
        assertEquals("", err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "--threads abc;  tool: invalid --threads abc: allowed 0 (one per core) or 1..1024 (see --help)",
        "--threads 2000; tool: invalid --threads 2000: allowed 0 (one per core) or 1..1024 (see --help)",
    })
    void parseAnswersABadFlagWithTheOneLineOnErr(String args, String expected) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Options options = new Options();
        Parsed<Integer> parsed = FLAGS.parse("tool", new CommandLine(options), args.split(" "),
                new PrintWriter(out), new PrintWriter(err), () -> THREADS.check(options.threads));
        assertFalse(parsed.runs());
        assertEquals(Flags.USAGE, parsed.status());
        assertEquals(expected + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }

    @Command(name = "tool", mixinStandardHelpOptions = true)
    static final class HelpOptions {
        @Option(names = "--threads", defaultValue = "0")
        int threads;
    }
}
