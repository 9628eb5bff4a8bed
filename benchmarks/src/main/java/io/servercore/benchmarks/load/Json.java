package io.servercore.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough JSON for the generator's summary, so that this module needs no JSON library:
 * writing values into a StringBuilder, and reading a document back as maps, lists, doubles,
 * strings, booleans and nulls.
 *
 * <p>Stateless and thread-safe; a {@link Json} instance reads one document on one thread.
 */
final class Json {
    private final String text;
    private int p;

    private Json(String text) {
        this.text = text;
    }

    /** The document as Map (objects, in order), List, Double, String, Boolean or null. */
    static Object parse(String text) {
        Json j = new Json(text);
        Object v = j.value();
        j.space();
        if (j.p != text.length()) {
            throw j.error("text after the document");
        }
        return v;
    }

    /** A number as JSON writes it; NaN and infinities as null. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** A string as JSON writes it, quoted. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private Object value() {
        space();
        if (p >= text.length()) {
            throw error("a value expected");
        }
        char c = text.charAt(p);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> str();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> num();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        p++;
        space();
        if (peek() == '}') {
            p++;
            return m;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("a name expected");
            }
            String name = str();
            space();
            expect(':');
            m.put(name, value());
            space();
            if (peek() == ',') {
                p++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        p++;
        space();
        if (peek() == ']') {
            p++;
            return l;
        }
        while (true) {
            l.add(value());
            space();
            if (peek() == ',') {
                p++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private String str() {
        StringBuilder b = new StringBuilder();
        p++;
        while (true) {
            if (p >= text.length()) {
                throw error("an unterminated string");
            }
            char c = text.charAt(p++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = text.charAt(p++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(text.substring(p, p + 4), 16));
                    p += 4;
                }
                default -> b.append(e);
            }
        }
    }

    private Double num() {
        int start = p;
        while (p < text.length() && "+-0123456789.eE".indexOf(text.charAt(p)) >= 0) {
            p++;
        }
        try {
            return Double.valueOf(text.substring(start, p));
        } catch (NumberFormatException e) {
            throw error("a number expected");
        }
    }

    private Object word(String w, Object v) {
        if (!text.startsWith(w, p)) {
            throw error(w + " expected");
        }
        p += w.length();
        return v;
    }

    private void space() {
        while (p < text.length() && Character.isWhitespace(text.charAt(p))) {
            p++;
        }
    }

    private char peek() {
        return p < text.length() ? text.charAt(p) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "' expected");
        }
        p++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at offset " + p + ": " + what);
    }
}
