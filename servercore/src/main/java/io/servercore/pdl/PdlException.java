package io.servercore.pdl;

import java.util.List;

/**
 * A PDL file that cannot be compiled: unreadable, ill-formed XML, or against the PDL's rules.
 * Each error is one line {@code file:line: what is wrong}, in line order; the message is all
 * of them, one per line.
 *
 * <p>Immutable; safe on any thread.
 */
public final class PdlException extends Exception {
    private static final long serialVersionUID = 1L;

    // An array rather than a List: the field must have a serializable type.
    private final String[] errors;

    PdlException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = errors.toArray(new String[0]);
    }

    /** The errors, one {@code file:line: message} each. */
    public List<String> errors() {
        return List.of(errors);
    }
}
