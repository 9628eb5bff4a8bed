package io.servercore.cli;

/**
 * What one command-line flag allows, in words, and the line that answers a value outside it:
 * {@code invalid --transport epoll: allowed servercore|jdk}. Every jar of this repository prints
 * that line after its own name and before {@code (see --help)}, and exits with
 * {@link Flags#USAGE}; its {@code --help} says the same words for the flag.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name    the flag with its dashes, e.g. {@code --transport}
 * @param allowed what it allows, as read after "allowed": {@code servercore|jdk},
 *                {@code a host name or address}, {@code only with --cluster}
 */
public record Flag(String name, String allowed) {

    /** @throws IllegalArgumentException if {@code name} is not {@code --word} or {@code allowed} is blank */
    public Flag {
        if (name == null || !name.matches("--[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("flag name=" + name + ": allowed --word, e.g. --port");
        }
        if (allowed == null || allowed.isBlank()) {
            throw new IllegalArgumentException("flag " + name + ": what it allows must be said");
        }
    }

    /** The one line for {@code value}: {@code invalid NAME VALUE: allowed ALLOWED}. */
    public IllegalArgumentException invalid(Object value) {
        return new IllegalArgumentException("invalid " + name + " " + show(value) + ": allowed " + allowed);
    }

    /** The same flag, allowing {@code what} instead (a rule that depends on another flag). */
    public Flag allowing(String what) {
        return new Flag(name, what);
    }

    /**
     * A value as the line shows it: a number as a person writes it ({@link Range#number}), any
     * other value as it was given, in single quotes when it is empty or holds a blank or a quote,
     * so that the line still says where the value ends.
     */
    public static String show(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Range.number(((Number) value).doubleValue());
        }
        String text = String.valueOf(value);
        boolean quote = text.isEmpty()
                || text.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"');
        return quote ? "'" + text + "'" : text;
    }
}
