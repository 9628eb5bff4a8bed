package io.servercore.dummyclient.metrics;

import java.util.Map;
import java.util.StringJoiner;

/**
 * The names of the protocol's S_Error codes (docs/protocol.md, "Errors that keep the session"),
 * for people reading a report. Stateless.
 */
public final class ErrorCodes {
    private ErrorCodes() {
    }

    /** {@code 3 RATE_LIMITED x12, 4 ROOM_FULL x1}: counts by code, in the map's order. */
    public static String describe(Map<Integer, Long> byCode) {
        StringJoiner out = new StringJoiner(", ");
        byCode.forEach((code, n) -> out.add(code + " " + name(code) + " x" + n));
        return out.toString();
    }

    /** The code's name, e.g. {@code RATE_LIMITED}, or {@code UNKNOWN}. */
    public static String name(int code) {
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
