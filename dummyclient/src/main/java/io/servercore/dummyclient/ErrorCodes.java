package io.servercore.dummyclient;

/** The names of PROTOCOL.md's S_Error codes, for people reading a report. Stateless. */
final class ErrorCodes {
    private ErrorCodes() {
    }

    /** The code's name, e.g. {@code RATE_LIMITED}, or {@code UNKNOWN}. */
    static String name(int code) {
        return switch (code) {
            case 1 -> "INVALID_ARGUMENT";
            case 2 -> "NOT_IN_ROOM";
            case 3 -> "RATE_LIMITED";
            case 4 -> "ROOM_FULL";
            case 5 -> "SHUTTING_DOWN";
            default -> "UNKNOWN";
        };
    }
}
