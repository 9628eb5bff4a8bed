package io.servercore.pdl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors found in one PDL file, so that one run reports all of them rather than
 * one per build.
 *
 * <p>Not thread-safe: one per compilation.
 */
final class PdlErrors {
    private final String source;
    private final List<Error> errors = new ArrayList<>();

    PdlErrors(String source) {
        this.source = source;
    }

    /** Records an error at {@code line}; 0 when the error has no line (the file is unreadable). */
    void add(int line, String message) {
        errors.add(new Error(line, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the errors so far, in line order, if there are any. */
    void throwIfAny() throws PdlException {
        if (errors.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        errors.stream()
                .sorted(Comparator.comparingInt(Error::line))
                .forEach(e -> lines.add(source + (e.line > 0 ? ":" + e.line : "") + ": " + e.message));
        throw new PdlException(lines);
    }

    private record Error(int line, String message) {
    }
}
