package io.servercore.pdl;

import io.servercore.packet.PacketHeader;
import io.servercore.packet.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * Sizes, writes and reads the {@code string} fields of a PDL whose root element says
 * {@code strings="UTF-16LE"}, as the course's first generator puts strings on the wire
 * ({@code Encoding.Unicode} in its {@code PacketFormat.cs}):
 *
 * <pre>
 *  +----------------------+-------------------------------------------+
 *  | byte count n (u16 LE)| n bytes: the string's chars, UTF-16LE     |
 *  +----------------------+-------------------------------------------+
 * </pre>
 *
 * Generated packet classes call it the way they call {@code PacketWriter} and
 * {@code PacketReader} for UTF-8 strings. It lives beside the compiler rather than in
 * {@code io.servercore.packet}, whose wire types are those of docs/protocol.md, where strings are UTF-8.
 *
 * <p>Writing does what .NET's {@code Encoding.Unicode} does: a surrogate that is not half of a
 * pair becomes U+FFFD (two bytes, like every other char, so the count is always twice the
 * string's length). So no course peer ever writes an odd byte count or an unpaired surrogate,
 * and reading treats both as malformed, as a UTF-8 string's invalid bytes are: the frame is bad
 * input and closes the session, rather than text a peer never sent.
 *
 * <p>Buffers must be little-endian, as the pool hands them out and {@code PacketSession}
 * delivers payloads. Stateless; every method may be called from any thread on buffers that
 * thread owns.
 */
public final class Utf16Strings {
    /** The most bytes a string's u16 count can announce; a UTF-16 string uses at most 65,534 of them. */
    public static final int MAX_LENGTH = 0xFFFF;
    /** The most chars a string can have: two bytes each within {@link #MAX_LENGTH}. */
    public static final int MAX_CHARS = MAX_LENGTH / 2;

    private static final char REPLACEMENT = '\uFFFD';

    private Utf16Strings() {
    }

    /** The bytes {@code value} takes on the wire after its count: two a char. */
    public static int length(String value) {
        return value.length() * 2;
    }

    /**
     * {@code size} plus the encoded string: its u16 byte count and two bytes a char.
     *
     * @throws NullPointerException     naming {@code field} if {@code value} is null
     * @throws IllegalArgumentException naming {@code field} if the string has more than
     *                                  {@link #MAX_CHARS} chars or the frame would pass
     *                                  {@link PacketHeader#MAX_FRAME_SIZE}
     */
    public static int addString(int size, String value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " is null");
        }
        if (value.length() > MAX_CHARS) {
            throw new IllegalArgumentException(field + ": string of " + length(value) + " UTF-16 bytes exceeds max="
                    + MAX_LENGTH);
        }
        int total = size + 2 + length(value);
        if (total > PacketHeader.MAX_FRAME_SIZE) {
            throw new IllegalArgumentException(field + ": at least " + total + " bytes, exceeds the frame limit of "
                    + PacketHeader.MAX_FRAME_SIZE);
        }
        return total;
    }

    /** Writes a string {@link #addString} accepted: u16 byte count, then UTF-16LE. */
    public static void putString(ByteBuffer out, String value) {
        int chars = value.length();
        out.putShort((short) (chars * 2));
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (!Character.isSurrogate(c)) {
                out.putChar(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.putChar(c).putChar(value.charAt(++i));
            } else {
                out.putChar(REPLACEMENT);
            }
        }
    }

    /**
     * Reads a u16 byte count and that many bytes of UTF-16LE, and moves the position past them.
     *
     * @throws MalformedPacketException naming {@code field} if the count or the bytes it
     *         announces run past the buffer's limit, the count is odd, or a surrogate is not
     *         half of a pair
     */
    public static String readString(ByteBuffer in, String field) {
        int start = in.position();
        if (in.remaining() < 2) {
            throw new MalformedPacketException(field, "string length needs 2 bytes, remaining=" + in.remaining());
        }
        int length = in.getShort(start) & 0xFFFF;
        if (length > in.remaining() - 2) {
            throw new MalformedPacketException(field, "string length=" + length + " exceeds remaining="
                    + (in.remaining() - 2));
        }
        if ((length & 1) != 0) {
            throw new MalformedPacketException(field, "UTF-16 string length=" + length + " is odd");
        }
        int base = start + 2;
        int units = length / 2;
        char[] chars = new char[units];
        for (int i = 0; i < units; i++) {
            char c = in.getChar(base + 2 * i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < units
                        && Character.isLowSurrogate(in.getChar(base + 2 * (i + 1)));
                if (!paired) {
                    throw new MalformedPacketException(field, "unpaired surrogate U+"
                            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at char " + i);
                }
                chars[i++] = c;
                c = in.getChar(base + 2 * i);
            }
            chars[i] = c;
        }
        in.position(base + length);
        return new String(chars);
    }
}
