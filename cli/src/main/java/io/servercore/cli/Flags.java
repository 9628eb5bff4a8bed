package io.servercore.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags of one command and what each allows: the one table from which that command's
 * error lines come, whether a value was out of range after parsing ({@link Range#check},
 * {@link Flag#invalid}) or could not be parsed at all ({@link #explain}). Each jar's tests hold
 * its {@code --help} to the same table, so help and errors say the same words.
 *
 * <p>The line a command prints is {@code <command>: <what> (see --help)}, and it exits with
 * {@link #USAGE}:
 * <pre>
 * gameserver: invalid --threads abc: allowed 0 (one per core) or 1..1024 (see --help)
 * gameserver: invalid --port (no value): allowed 0 (any free port) or 1..65535 (see --help)
 * gameserver: unknown flag --prot (did you mean --port?) (see --help)
 * gameserver: --port given more than once (see --help)
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Flags {
    /** The exit status of a command line that was not understood. */
    public static final int USAGE = 2;

    private final Map<String, Flag> byName;

    private Flags(Map<String, Flag> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** @throws IllegalArgumentException if a name is there twice */
    public static Flags of(List<Flag> flags) {
        Map<String, Flag> byName = new LinkedHashMap<>();
        for (Flag flag : flags) {
            if (byName.put(flag.name(), flag) != null) {
                throw new IllegalArgumentException("flag " + flag.name() + " is listed twice");
            }
        }
        return new Flags(byName);
    }

    /** The flag called {@code name}, or null. */
    public Flag get(String name) {
        return byName.get(name);
    }

    /** Every flag, in the order given. */
    public Collection<Flag> all() {
        return byName.values();
    }

    /**
     * The one line for a command line picocli rejected: for a flag of this table whose value is
     * missing or not a number, the same words a range check says; an unknown flag by its name;
     * otherwise picocli's own words.
     */
    public String explain(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return unmatched(unmatched);
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " given more than once";
        }
        if (e instanceof CommandLine.MissingParameterException missing && missing.getMissing().size() == 1
                && missing.getMissing().get(0) instanceof OptionSpec option && byName.containsKey(option.longestName())) {
            Flag flag = byName.get(option.longestName());
            return "invalid " + flag.name() + " (no value): allowed " + flag.allowed();
        }
        if (e.getArgSpec() instanceof OptionSpec option && byName.containsKey(option.longestName())
                && e.getValue() != null) {
            return byName.get(option.longestName()).invalid(e.getValue()).getMessage();
        }
        return e.getMessage();
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException e) {
        List<String> args = e.getUnmatched();
        String first = args.isEmpty() ? "" : args.get(0);
        if (!first.startsWith("-")) {
            return "unexpected argument " + Flag.show(first);
        }
        int equals = first.indexOf('=');
        String name = equals < 0 ? first : first.substring(0, equals);
        List<String> suggestions = e.getSuggestions();
        return "unknown flag " + name
                + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)");
    }

    /**
     * Parses {@code args} into the options object of {@code cli} and turns them into the
     * command's settings with {@code settings} (which throws {@link IllegalArgumentException} with
     * the one line for a value it refuses). {@code --help} and {@code --version} print to
     * {@code out} and answer 0; a command line picocli or {@code settings} refused prints
     * {@code <command>: <what> (see --help)} to {@code err} and answers {@link #USAGE}.
     */
    public <T> Parsed<T> parse(String command, CommandLine cli, String[] args, PrintWriter out, PrintWriter err,
            Supplier<T> settings) {
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                cli.usage(out);
                out.flush();
                return new Parsed<>(null, 0);
            }
            if (parsed.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                out.flush();
                return new Parsed<>(null, 0);
            }
            return new Parsed<>(Objects.requireNonNull(settings.get(), "settings"), 0);
        } catch (CommandLine.ParameterException e) {
            return new Parsed<>(null, usage(err, command, explain(e)));
        } catch (IllegalArgumentException e) {
            return new Parsed<>(null, usage(err, command, e.getMessage()));
        }
    }

    /** Prints {@code <command>: <message> (see --help)} and returns {@link #USAGE}. */
    public static int usage(PrintWriter err, String command, String message) {
        err.println(command + ": " + message + " (see --help)");
        err.flush();
        return USAGE;
    }
}
