package io.servercore.pdl;

import java.util.List;

/**
 * Builds Java source text line by line with four-space indentation, so the generators can
 * say what they write without counting spaces.
 *
 * <p>Not thread-safe: one per generated file.
 */
final class SourceWriter {
    /** The indentation of continued lines, relative to the line they continue. */
    static final String CONTINUATION = "        ";
    private static final String INDENT = "    ";
    private static final int WRAP_AT = 110;

    private final StringBuilder text = new StringBuilder();
    private int depth;

    /** Writes one line at the current indentation; an empty string writes an empty line. */
    SourceWriter line(String line) {
        if (!line.isEmpty()) {
            text.append(INDENT.repeat(depth)).append(line);
        }
        text.append('\n');
        return this;
    }

    /** Writes {@code head} and an opening brace, and indents what follows. */
    SourceWriter open(String head) {
        line(head + " {");
        depth++;
        return this;
    }

    /**
     * Opens a block whose head ends in a parenthesised list, {@code head(a, b)tail}: on one
     * line if it fits, else with one item a line.
     */
    SourceWriter open(String head, List<String> items, String tail) {
        String oneLine = head + "(" + String.join(", ", items) + ")" + tail;
        if (oneLine.length() + INDENT.length() * depth <= WRAP_AT) {
            return open(oneLine);
        }
        line(head + "(");
        for (int i = 0; i < items.size(); i++) {
            line(CONTINUATION + items.get(i) + (i + 1 < items.size() ? "," : ")" + tail + " {"));
        }
        depth++;
        return this;
    }

    /** Ends the innermost block and opens the next on its closing brace's line, as {@code catch} follows {@code try}. */
    SourceWriter next(String head) {
        depth--;
        return open("} " + head);
    }

    /** Ends the innermost {@link #open}. */
    SourceWriter close() {
        depth--;
        return line("}");
    }

    /** Writes the generated-file header: where it came from and that it must not be edited. */
    SourceWriter header(String source, String javaPackage) {
        return line(PdlCompiler.GENERATED_MARKER + " from " + source + ". Do not edit: change "
                + source + " and rebuild.").line("package " + javaPackage + ";").line("");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
