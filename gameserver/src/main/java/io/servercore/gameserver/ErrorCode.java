package io.servercore.gameserver;

/**
 * The codes of {@code S_Error}: errors that keep the session open (docs/protocol.md section 5).
 */
enum ErrorCode {
    /** A field out of its allowed range. */
    INVALID_ARGUMENT(1),
    /** A room packet from a session in no room. */
    NOT_IN_ROOM(2),
    /** The session sends faster than its packet rate; the packet was dropped. */
    RATE_LIMITED(3),
    /** The room is at capacity. */
    ROOM_FULL(4),
    /** The server is shutting down; the close follows. */
    SHUTTING_DOWN(5);

    final int code;

    ErrorCode(int code) {
        this.code = code;
    }
}
