package io.servercore.dummyclient;

import java.math.BigDecimal;
import java.util.List;

/**
 * The values one numeric command-line flag allows, and the one-line message for a value
 * outside them: {@code invalid --clients 0: allowed 1..1000000}. The same ranges check a
 * {@link SwarmConfig} and explain a value picocli could not even parse.
 *
 * <p>Immutable and thread-safe.
 *
 * @param flag   the flag's name, with its dashes
 * @param min    the least value allowed (besides 0 when {@code offAtZero})
 * @param max    the greatest value allowed
 * @param offAtZero whether 0 is also allowed, meaning "off"
 */
record Range(String flag, double min, double max, boolean offAtZero) {
    static final Range PORT = new Range("--port", 1, 65535, false);
    static final Range CLIENTS = new Range("--clients", 1, 1_000_000, false);
    static final Range ROOMS = new Range("--rooms", 1, 1_000_000, false);
    static final Range CONNECT_RATE = new Range("--connect-rate", 1, 1_000_000, false);
    /** At most one send of a kind per pacer tick (1 ms) per session. */
    static final Range CHAT_RATE = new Range("--chat-rate", 0.001, 1000, true);
    /** Big enough for the chat's {@code <seq>:<time>:} stamp, small enough for S_Chat's frame. */
    static final Range PAYLOAD = new Range("--payload", 32, 65_525, false);
    static final Range MOVE_RATE = new Range("--move-rate", 0.001, 1000, true);
    static final Range PING_INTERVAL = new Range("--ping-interval", 0.001, 3600, true);
    static final Range DURATION = new Range("--duration", 0, 31_536_000, false);
    static final Range WINDOW = new Range("--window", 1, 100_000, false);
    static final Range THREADS = new Range("--threads", 0, 1024, false);
    static final Range MAX_P99 = new Range("--max-p99", 0.001, 3_600_000, true);
    static final Range ATTACKERS = new Range("--attackers", 1, 100_000, false);
    static final Range CYCLE_RATE = new Range("--cycle-rate", 0.001, 1000, false);
    static final Range FLOOD_RATE = new Range("--flood-rate", 1, 1_000_000, false);
    static final Range DRIP_INTERVAL = new Range("--drip-interval", 0.001, 3600, false);

    private static final List<Range> ALL = List.of(PORT, CLIENTS, ROOMS, CONNECT_RATE, CHAT_RATE, PAYLOAD,
            MOVE_RATE, PING_INTERVAL, DURATION, WINDOW, THREADS, MAX_P99, ATTACKERS, CYCLE_RATE, FLOOD_RATE,
            DRIP_INTERVAL);

    /** The range of {@code flag}, or {@code null} for a flag without one. */
    static Range of(String flag) {
        for (Range range : ALL) {
            if (range.flag.equals(flag)) {
                return range;
            }
        }
        return null;
    }

    /** Returns {@code value} when allowed, else throws the flag's one-line message. */
    double check(double value) {
        boolean ok = (value >= min && value <= max) || (offAtZero && value == 0);
        if (!ok) {
            throw new IllegalArgumentException("invalid " + flag + " " + number(value) + ": allowed " + allowed());
        }
        return value;
    }

    /** {@link #check(double)} for a whole number. */
    int check(int value) {
        check((double) value);
        return value;
    }

    /** What is allowed, e.g. {@code 1..65535} or {@code 0 (off) or 0.001..1000}. */
    String allowed() {
        String span = number(min) + ".." + number(max);
        return offAtZero ? "0 (off) or " + span : span;
    }

    /** A number as a person writes it: no {@code .0} on whole numbers. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
