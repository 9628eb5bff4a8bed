package io.servercore.dummyclient.player;

/**
 * The text of a swarm chat: {@code <seq>:<time>:} padded with dots to the payload size.
 * {@code seq} counts the sender's chats from 1, so every receiver can check the sender's
 * order; {@code time} is the nanosecond (on the swarm's clock,
 * {@link io.servercore.dummyclient.metrics.SwarmState#epochNanos}) at which the chat was due to
 * be sent, so the sender can time its echo. Due, not actual: a late pacer shows in the latency
 * instead of hiding it (no coordinated omission).
 *
 * <p>ASCII only, so characters and UTF-8 bytes are the same count. Stateless.
 */
final class ChatText {
    private ChatText() {
    }

    /** A chat of {@code payload} bytes, or longer if the stamp alone is longer. */
    static String format(long seq, long timeNanos, int payload) {
        StringBuilder text = new StringBuilder(Math.max(payload, 24));
        text.append(seq).append(':').append(timeNanos).append(':');
        while (text.length() < payload) {
            text.append('.');
        }
        return text.toString();
    }

    /** The sequence number, or -1 if the text is not a swarm chat. */
    static long seq(String text) {
        return field(text, 0);
    }

    /** The due time, or -1 if the text is not a swarm chat. */
    static long time(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? -1 : field(text, colon + 1);
    }

    /** The decimal number from {@code start} to the next colon, or -1. */
    private static long field(String text, int start) {
        long value = 0;
        int i = start;
        for (; i < text.length() && i - start < 19; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                break;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        boolean closed = i < text.length() && text.charAt(i) == ':';
        return closed && i > start ? value : -1;
    }
}
