package io.servercore.packet;

/**
 * Where a generated packet manager reports a frame the peer must not send: an id of the other
 * side, an unknown id, or a malformed payload. In a running server this is
 * {@code PacketSession::violation}, which closes the session with one WARN line; a test or a
 * metrics wrapper may observe the reports instead.
 *
 * <p>Threading: called on the thread that dispatches the frame, which for a session is its
 * I/O thread; implementations must be safe to call from every session's thread.
 *
 * @param <S> the session type
 */
@FunctionalInterface
public interface ViolationHandler<S> {
    /** Reports that {@code session}'s peer broke the protocol; {@code detail} says how. */
    void violation(S session, String detail);
}
