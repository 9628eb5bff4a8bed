package io.servercore.packet;

/**
 * A payload that breaks the field encoding of docs/protocol.md (section 2): a field that runs past
 * the frame, bytes left over, invalid UTF-8, a bool that is neither 0 nor 1, a list count the
 * remaining bytes cannot hold. The message names the field and the offending value and limit,
 * e.g. {@code malformed C_Chat.chat: string length=300 exceeds remaining=12}.
 *
 * <p>Carries no stack trace: peers raise it, not bugs, and a hostile peer may raise it often.
 * Immutable, so safe on any thread.
 */
public final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * For parsers of encodings of their own (such as a PDL's UTF-16 strings), so that every
     * malformed payload is reported the same way.
     *
     * @param field  the packet and field, e.g. {@code C_Chat.chat}
     * @param reason what is wrong, with the value and the limit
     */
    public MalformedPacketException(String field, String reason) {
        super("malformed " + field + ": " + reason, null, false, false);
    }
}
