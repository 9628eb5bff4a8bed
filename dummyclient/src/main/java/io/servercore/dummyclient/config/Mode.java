package io.servercore.dummyclient.config;

import java.util.Locale;

/** What the swarm's sessions do once connected. */
public enum Mode {
    /** Enter rooms, chat, move and ping; measure chat latency, deliveries and order. */
    CHAT,
    /** Keep {@code --window} C_Ping frames in flight per session; measure round trips. */
    ECHO;

    /** The flag value: {@code chat} or {@code echo}. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming {@code --mode}, the value and what is allowed */
    static Mode parse(String value) {
        for (Mode mode : values()) {
            if (mode.flagValue().equals(value)) {
                return mode;
            }
        }
        throw SwarmFlags.MODE.invalid(value);
    }
}
