package io.servercore.dummyclient.metrics;

import java.util.Locale;

/**
 * One figure of a report: a key for JSON, a label and unit for people, and a value that is a
 * whole number, a real number with its decimals, or text. The summary table and the JSON file
 * are both made from the same figures, so they cannot disagree.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key      the JSON name
 * @param label    the table's words
 * @param value    a {@link Long}, a {@link Double} or a {@link String}
 * @param decimals digits after the point for a {@link Double}
 * @param unit     the table's unit, or empty
 */
public record Figure(String key, String label, Object value, int decimals, String unit) {

    public static Figure count(String key, String label, long value) {
        return new Figure(key, label, value, 0, "");
    }

    public static Figure real(String key, String label, double value, int decimals, String unit) {
        return new Figure(key, label, value, decimals, unit);
    }

    public static Figure text(String key, String label, String value) {
        return new Figure(key, label, value, 0, "");
    }

    /** The value and its unit for people: {@code 12,345}, {@code 1.250 ms}, {@code -} when there is none. */
    public String display() {
        String shown = shownValue();
        return unit.isEmpty() || shown.equals("-") ? shown : shown + " " + unit;
    }

    private String shownValue() {
        if (value instanceof Long n) {
            return String.format(Locale.ROOT, "%,d", n);
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%,." + decimals + "f", d) : "-";
        }
        return String.valueOf(value);
    }

    /** The value as a JSON literal: a number, {@code null} for a non-finite number, or a string. */
    public String json() {
        if (value instanceof Long n) {
            return Long.toString(n);
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%." + decimals + "f", d) : "null";
        }
        return quote(String.valueOf(value));
    }

    /** {@code text} as a JSON string literal, quotes included. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

