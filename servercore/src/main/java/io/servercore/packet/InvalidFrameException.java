package io.servercore.packet;

/**
 * A frame header that breaks the protocol's rules. The session that received it cannot
 * find the next frame boundary any more, so it is closed. Subclasses tell the faults apart.
 *
 * <p>Carries no stack trace: it is raised by peers, not by bugs, and may be raised often.
 */
public abstract class InvalidFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidFrameException(String message) {
        super(message, null, false, false);
    }
}
