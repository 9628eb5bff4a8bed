package io.servercore.cli;

import java.math.BigDecimal;

/**
 * The numbers one command-line flag allows: {@code min..max}, and perhaps 0 with a meaning of
 * its own ({@code 0 (one per core) or 1..1024}). The same range checks a parsed value
 * ({@link #check}) and explains a value the parser could not even read ({@link Flags}), so that
 * {@code --threads abc} and {@code --threads 2000} are answered alike.
 *
 * <p>Immutable and thread-safe.
 *
 * @param flag the flag's name, with its dashes
 * @param min  the least value allowed (besides 0 when {@code zero} is set)
 * @param max  the greatest value allowed
 * @param zero what 0 means when it is allowed outside {@code min..max}, e.g. {@code off}; null when
 *             it is not
 */
public record Range(String flag, double min, double max, String zero) {

    /** @throws IllegalArgumentException if {@code min > max}, or 0 has a meaning but lies inside the range */
    public Range {
        new Flag(flag, "a number"); // checks the name
        if (!(min <= max)) {
            throw new IllegalArgumentException(flag + ": min=" + min + " above max=" + max);
        }
        if (zero != null && (zero.isBlank() || (min <= 0 && 0 <= max))) {
            throw new IllegalArgumentException(flag + ": 0 (" + zero + ") must lie outside " + min + ".." + max);
        }
    }

    /** {@code min..max}. */
    public static Range of(String flag, double min, double max) {
        return new Range(flag, min, max, null);
    }

    /** The same range with 0 allowed too, meaning {@code meaning}: {@code 0 (off) or 1..1000}. */
    public Range orZero(String meaning) {
        return new Range(flag, min, max, meaning);
    }

    /** What is allowed, in the words of the error line and of {@code --help}. */
    public String allowed() {
        String span = number(min) + ".." + number(max);
        return zero == null ? span : "0 (" + zero + ") or " + span;
    }

    /** This range as a {@link Flag}, for a {@link Flags} table. */
    public Flag asFlag() {
        return new Flag(flag, allowed());
    }

    /** Whether {@code value} is allowed. */
    public boolean allows(double value) {
        return (value >= min && value <= max) || (zero != null && value == 0);
    }

    /** Returns {@code value} when allowed, else throws the flag's one line. */
    public double check(double value) {
        if (!allows(value)) {
            throw asFlag().invalid(value);
        }
        return value;
    }

    /** {@link #check(double)} for a whole number. */
    public long check(long value) {
        if (!allows(value)) {
            throw asFlag().invalid(value);
        }
        return value;
    }

    /** {@link #check(double)} for a whole number. */
    public int check(int value) {
        check((long) value);
        return value;
    }

    /** A number as a person writes it: no {@code .0} on whole numbers, no exponent. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
