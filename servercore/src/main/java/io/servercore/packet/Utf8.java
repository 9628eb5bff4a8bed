package io.servercore.packet;

import java.nio.ByteBuffer;

/**
 * UTF-8 straight between {@link String}s and buffers, without the intermediate byte[] that
 * {@code String.getBytes} and {@code new String(byte[], UTF_8)} need.
 *
 * <p>Encoding follows {@code String.getBytes(UTF_8)} byte for byte: a surrogate that is not
 * half of a valid pair becomes {@code '?'}. Decoding is strict (RFC 3629): overlong forms,
 * surrogate code points, code points above U+10FFFF, stray continuation bytes and truncated
 * sequences are rejected, because a peer that sends them is not speaking the protocol.
 *
 * <p>Stateless; every method may be called from any thread.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** The number of bytes {@code s} takes as UTF-8 on the wire: what a byte limit on a string field checks. */
    public static int length(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (isPairAt(s, i)) {
                bytes += 2; // four bytes for two chars
                i++;
            }
            // An unpaired surrogate is one '?', already counted.
        }
        return bytes;
    }

    /** Writes {@code s} as UTF-8 at {@code out}'s position; the caller made room for {@link #length}. */
    static void encode(String s, ByteBuffer out) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | c >> 6)).put((byte) (0x80 | c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                out.put((byte) (0xE0 | c >> 12)).put((byte) (0x80 | c >> 6 & 0x3F)).put((byte) (0x80 | c & 0x3F));
            } else if (isPairAt(s, i)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | cp >> 18)).put((byte) (0x80 | cp >> 12 & 0x3F))
                        .put((byte) (0x80 | cp >> 6 & 0x3F)).put((byte) (0x80 | cp & 0x3F));
            } else {
                out.put((byte) '?');
            }
        }
    }

    /**
     * Decodes the {@code length} bytes at {@code in}'s position, which the caller checked are
     * there, and moves the position past them.
     *
     * @throws MalformedPacketException naming {@code field} if the bytes are not valid UTF-8
     */
    static String decode(ByteBuffer in, int length, String field) {
        if (length == 0) {
            return "";
        }
        int start = in.position();
        int end = start + length;
        // Never more chars than bytes: a 4-byte sequence makes two chars.
        char[] chars = new char[length];
        int n = 0;
        int i = start;
        while (i < end) {
            int b = in.get(i);
            if (b >= 0) {
                chars[n++] = (char) b;
                i++;
                continue;
            }
            int extra;
            int cp;
            int min;
            if ((b & 0xE0) == 0xC0) {
                extra = 1;
                cp = b & 0x1F;
                min = 0x80;
            } else if ((b & 0xF0) == 0xE0) {
                extra = 2;
                cp = b & 0x0F;
                min = 0x800;
            } else if ((b & 0xF8) == 0xF0) {
                extra = 3;
                cp = b & 0x07;
                min = 0x10000;
            } else {
                throw invalid(field, i - start, length, (b & 0xC0) == 0x80
                        ? "continuation byte " + hex(b) + " without a lead byte" : "invalid byte " + hex(b));
            }
            if (i + extra >= end) {
                throw invalid(field, i - start, length, "sequence truncated by the end of the string");
            }
            for (int k = 1; k <= extra; k++) {
                int c = in.get(i + k);
                if ((c & 0xC0) != 0x80) {
                    throw invalid(field, i - start, length, "lead byte " + hex(b) + " followed by " + hex(c));
                }
                cp = cp << 6 | c & 0x3F;
            }
            if (cp < min) {
                throw invalid(field, i - start, length, "overlong encoding of U+" + codePoint(cp));
            }
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                throw invalid(field, i - start, length, "surrogate code point U+" + codePoint(cp));
            }
            if (cp > Character.MAX_CODE_POINT) {
                throw invalid(field, i - start, length, "code point U+" + codePoint(cp) + " above U+10FFFF");
            }
            n += Character.toChars(cp, chars, n);
            i += extra + 1;
        }
        in.position(end);
        return new String(chars, 0, n);
    }

    private static boolean isPairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static MalformedPacketException invalid(String field, int offset, int length, String why) {
        return new MalformedPacketException(field, "invalid UTF-8 at byte " + offset + " of " + length + ": " + why);
    }

    private static String hex(int b) {
        return String.format("0x%02X", b & 0xFF);
    }

    private static String codePoint(int cp) {
        return String.format("%04X", cp);
    }
}
