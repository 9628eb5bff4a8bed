package io.servercore.gameserver;

/**
 * Checks that a text is one well-formed JSON value (RFC 8259), failing with the offset of the
 * first error: enough to keep a hand-edited file such as the Grafana dashboard importable,
 * without a JSON library in the build.
 *
 * <p>Not thread-safe; one check per instance.
 */
final class JsonCheck {
    private final String text;
    private int at;

    private JsonCheck(String text) {
        this.text = text;
    }

    static void wellFormed(String text) {
        JsonCheck check = new JsonCheck(text);
        check.value();
        check.space();
        if (check.at != text.length()) {
            check.fail("text after the value");
        }
    }

    private void value() {
        space();
        if (at >= text.length()) {
            fail("a value");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{' -> members('}', true);
            case '[' -> members(']', false);
            case '"' -> string();
            case 't' -> word("true");
            case 'f' -> word("false");
            case 'n' -> word("null");
            default -> number();
        }
    }

    /** An object's members or an array's elements, from the opening bracket to {@code close}. */
    private void members(char close, boolean object) {
        at++;
        space();
        if (peek() == close) {
            at++;
            return;
        }
        for (;;) {
            if (object) {
                space();
                if (peek() != '"') {
                    fail("a member name");
                }
                string();
                space();
                expect(':');
            }
            value();
            space();
            if (peek() == ',') {
                at++;
            } else {
                expect(close);
                return;
            }
        }
    }

    private void string() {
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                fail("no control character in a string");
            }
            if (c == '\\') {
                char e = at < text.length() ? text.charAt(at++) : 0;
                if (e == 'u') {
                    if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
                        fail("four hex digits after \\u");
                    }
                    at += 4;
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    fail("a valid escape");
                }
            }
        }
        fail("the end of the string");
    }

    private void number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (!text.substring(start, at).matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            at = start;
            fail("a value");
        }
    }

    private void word(String word) {
        if (!text.startsWith(word, at)) {
            fail(word);
        }
        at += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            fail("'" + c + "'");
        }
        at++;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private void fail(String wanted) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        throw new AssertionError("invalid JSON at offset " + at + " (line " + line + "): expected " + wanted);
    }
}
