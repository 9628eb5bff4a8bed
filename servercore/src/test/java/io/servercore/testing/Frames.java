package io.servercore.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds frames as bytes for tests that write the wire by hand. */
public final class Frames {
    private Frames() {
    }

    /** A frame with the given id and payload; size = 4 + payload length. */
    public static byte[] frame(int id, byte[] payload) {
        return header(4 + payload.length, id, payload);
    }

    /** A frame whose size field says {@code size} whatever the payload's real length. */
    public static byte[] header(int size, int id, byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) size).putShort((short) id).put(payload);
        return buf.array();
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Deterministic filler: the same (seed, length) always gives the same bytes. */
    public static byte[] pattern(long seed, int length) {
        byte[] bytes = new byte[length];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return bytes;
    }
}
