package io.servercore.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The text of every chat the generator sends: the sender's sequence number and the send's due
 * time as fixed-width ASCII digits, which are valid UTF-8 as a chat must be, then padding to
 * the payload size. Written straight into the send buffer and read straight out of the receive
 * buffer: no String on either side.
 *
 * <pre>
 * 0            10  11                  27  28
 * +------------+---+-------------------+---+------------------------+
 * | seq        |' '| due               |' '| '.' up to the payload  |
 * | 10 digits  |   | 16 digits, ns     |   | size                   |
 * +------------+---+-------------------+---+------------------------+
 * seq: the sender's chats counted from 1; due: nanoseconds from the load's start to the
 * moment the chat was due to be sent (its latency counts from there)
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class ChatText {
    static final int SEQ_OFFSET = 0;
    static final int SEQ_DIGITS = 10;
    static final int DUE_OFFSET = 11;
    static final int DUE_DIGITS = 16;
    /** Bytes before the padding; the shortest payload the generator can send. */
    static final int HEADER_LENGTH = 28;
    static final long MAX_SEQ = 9_999_999_999L;
    static final long MAX_DUE = 9_999_999_999_999_999L;
    /** What a field that is not all digits reads as. */
    static final long INVALID = -1;

    private static final byte SPACE = ' ';
    private static final byte[] PADDING = new byte[Wire.MAX_FRAME];

    static {
        Arrays.fill(PADDING, (byte) '.');
    }

    private ChatText() {
    }

    /** Appends a chat of {@code payload} bytes (at least {@link #HEADER_LENGTH}) at {@code out}'s position. */
    static void put(ByteBuffer out, long seq, long dueNanos, int payload) {
        int p = out.position();
        digits(out, p + SEQ_OFFSET, SEQ_DIGITS, seq);
        out.put(p + SEQ_OFFSET + SEQ_DIGITS, SPACE);
        digits(out, p + DUE_OFFSET, DUE_DIGITS, dueNanos);
        out.put(p + DUE_OFFSET + DUE_DIGITS, SPACE);
        out.position(p + HEADER_LENGTH);
        out.put(PADDING, 0, payload - HEADER_LENGTH);
    }

    private static void digits(ByteBuffer out, int offset, int count, long value) {
        long v = value;
        for (int i = offset + count - 1; i >= offset; i--) {
            out.put(i, (byte) ('0' + v % 10));
            v /= 10;
        }
    }

    /** The sequence number of the chat of {@code length} bytes at {@code offset}; {@link #INVALID} if not ours. */
    static long seq(ByteBuffer in, int offset, int length) {
        return length < HEADER_LENGTH ? INVALID : number(in, offset + SEQ_OFFSET, SEQ_DIGITS);
    }

    /** Its due time, ns from the load's start; {@link #INVALID} if it is not ours. */
    static long due(ByteBuffer in, int offset, int length) {
        return length < HEADER_LENGTH ? INVALID : number(in, offset + DUE_OFFSET, DUE_DIGITS);
    }

    private static long number(ByteBuffer in, int offset, int count) {
        long v = 0;
        for (int i = offset, end = offset + count; i < end; i++) {
            int d = in.get(i) - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
