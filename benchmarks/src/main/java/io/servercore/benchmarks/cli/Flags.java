package io.servercore.benchmarks.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one-line answers to a bad flag, in gameserver's form: {@code invalid --threads 0: allowed
 * 1..1024}. Shared by the command lines of this module (the Netty reference server and the
 * end-to-end comparison), so that both answer alike.
 *
 * <p>Stateless and thread-safe.
 */
public final class Flags {
    private Flags() {
    }

    /** Returns {@code value} when within {@code min..max}, else throws the flag's one-line message. */
    public static long range(String flag, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("invalid " + flag + " " + value + ": allowed " + min + ".." + max);
        }
        return value;
    }

    /** {@link #range(String, long, long, long)} for an int. */
    public static int range(String flag, int value, int min, int max) {
        return (int) range(flag, (long) value, min, max);
    }

    /** {@link #range(String, long, long, long)} for a real number. */
    public static double range(String flag, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new IllegalArgumentException("invalid " + flag + " " + number(value) + ": allowed " + number(min)
                    + ".." + number(max));
        }
        return value;
    }

    /**
     * The constant of {@code type} that {@code value} names, written in lower case with dashes for
     * underscores ({@code netty-plain} for {@code NETTY_PLAIN}); else the one-line message listing them.
     */
    public static <E extends Enum<E>> E oneOf(String flag, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (name(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("invalid " + flag + " " + value + ": allowed " + names(type));
    }

    /** How a flag writes {@code constant}: lower case, dashes for underscores. */
    public static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every constant of {@code type} as a flag writes it, comma-separated. */
    public static <E extends Enum<E>> String names(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            out.add(name(constant));
        }
        return String.join(", ", out);
    }

    /** A number as a person writes it: no {@code .0} on whole numbers. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
