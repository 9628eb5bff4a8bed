package io.servercore.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.cli.Flag;
import io.servercore.cli.Flags;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What every main of this module shows on its command line, checked alike for each, as
 * gameserver's {@code GameServerFlagsTest} checks gameserver's: a bad value, an unknown flag, a
 * missing value or a repeated flag is answered with exactly one line,
 * {@code <command>: <what> (see --help)}, exit status {@link Flags#USAGE} and nothing on the
 * output (nothing started); every flag that takes a value has a bad value tried; and each flag's
 * help says what its error line says is allowed.
 *
 * <p>Stateless; each call runs on the test's thread.
 */
public final class CommandLineChecks {
    private CommandLineChecks() {
    }

    /** A main's {@code run(args, out, err)}. */
    public interface Main {
        int run(String[] args, PrintWriter out, PrintWriter err) throws Exception;
    }

    /** What one run of a main printed and returned. */
    public record Ran(int status, String out, String err) {
    }

    /** Runs {@code main} on {@code args}, its output kept. */
    public static Ran run(Main main, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(status, out.toString(), err.toString());
    }

    /** The arguments of a table row: split at spaces, {@code ''} for an empty one. */
    public static String[] args(String line) {
        if (line.isEmpty()) {
            return new String[0];
        }
        return Arrays.stream(line.split(" ")).map(a -> a.equals("''") ? "" : a).toArray(String[]::new);
    }

    /**
     * Each row, {@code {arguments, line}}, stops {@code main} with exit status {@link Flags#USAGE},
     * exactly {@code command: line (see --help)} on the error stream and nothing on the output.
     */
    public static void assertEachIsAnsweredInOneLine(Main main, String command, String[][] rows) throws Exception {
        for (String[] row : rows) {
            Ran ran = run(main, args(row[0]));
            assertEquals(Flags.USAGE, ran.status(), row[0] + ": " + ran.err());
            assertEquals(List.of(command + ": " + row[1] + " (see --help)"), ran.err().lines().toList(), row[0]);
            assertEquals("", ran.out(), row[0] + ": nothing may start");
        }
    }

    /** Every flag of {@code specs} that takes a value is among the rows' arguments. */
    public static void assertEveryFlagIsTried(String[][] rows, CommandSpec... specs) {
        Set<String> tried = new TreeSet<>();
        for (String[] row : rows) {
            for (String arg : args(row[0])) {
                tried.add(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
            }
        }
        Set<String> untried = new TreeSet<>(valueFlags(specs));
        untried.removeAll(tried);
        assertEquals(Set.of(), untried, "flags with no bad value tried");
    }

    /**
     * Every flag of {@code specs} that takes a value is in {@code table}, and its description in
     * {@code --help} says, in the same words, what the table says it allows; the table has no
     * flag that the command lacks.
     */
    public static void assertHelpSaysWhatIsAllowed(Flags table, CommandSpec... specs) {
        for (CommandSpec spec : specs) {
            for (OptionSpec option : options(spec)) {
                if (option.arity().max() == 0) {
                    continue;
                }
                Flag flag = table.get(option.longestName());
                assertNotNull(flag, spec.qualifiedName() + " " + option.longestName() + " has no entry in its table");
                String description = String.join(" ", option.description());
                assertTrue(description.contains(flag.allowed()), spec.qualifiedName() + " " + option.longestName()
                        + ": '" + description + "' does not say '" + flag.allowed() + "'");
            }
        }
        Set<String> extra = new TreeSet<>();
        table.all().forEach(f -> extra.add(f.name()));
        extra.removeAll(valueFlags(specs));
        assertEquals(Set.of(), extra, "flags in the table that no command has");
    }

    /**
     * {@code --help} (after {@code prefix}, a subcommand) prints exactly {@code spec}'s usage and
     * exits 0: the whole output is the usage, so nothing was started.
     */
    public static void assertHelpIsTheUsageAlone(Main main, CommandSpec spec, String... prefix) throws Exception {
        List<String> args = new ArrayList<>(List.of(prefix));
        args.add("--help");
        Ran ran = run(main, args.toArray(String[]::new));
        assertEquals(0, ran.status(), ran.err());
        assertEquals("", ran.err());
        assertEquals(spec.commandLine().getUsageMessage(), ran.out());
        for (OptionSpec option : options(spec)) {
            assertTrue(ran.out().contains(option.longestName()), option.longestName() + " missing from --help");
        }
    }

    private static List<OptionSpec> options(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    private static Set<String> valueFlags(CommandSpec... specs) {
        Set<String> out = new TreeSet<>();
        for (CommandSpec spec : specs) {
            options(spec).stream().filter(o -> o.arity().max() > 0).forEach(o -> out.add(o.longestName()));
        }
        return out;
    }
}
