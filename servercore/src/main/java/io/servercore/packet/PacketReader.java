package io.servercore.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the PDL field types of docs/protocol.md section 2 from a payload, for generated packet
 * classes. Every read first checks that its bytes are there, and every length or count is
 * checked against the bytes remaining before anything is allocated for it, so a peer can make
 * the parser allocate no more than the frame it sent could justify. A violation throws
 * {@link MalformedPacketException} naming {@code field} (e.g. {@code "C_Chat.chat"}).
 *
 * <p>The buffer must be little-endian, as {@code PacketSession} delivers payloads; relative
 * reads move its position. Stateless; every method may be called from any thread on buffers
 * that thread owns.
 */
public final class PacketReader {
    private PacketReader() {
    }

    /** Rejects a big-endian buffer up front: it would silently read every number wrong. */
    public static void requireLittleEndian(ByteBuffer payload) {
        if (payload.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("payload must be little-endian, was " + payload.order());
        }
    }

    /** @throws MalformedPacketException if bytes are left after the last field of {@code packet} */
    public static void expectEnd(ByteBuffer payload, String packet) {
        if (payload.hasRemaining()) {
            throw new MalformedPacketException(packet, payload.remaining() + " trailing bytes after the last field");
        }
    }

    public static boolean readBool(ByteBuffer in, String field) {
        need(in, 1, field, "bool");
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new MalformedPacketException(field, "bool value=" + (b & 0xFF) + " is not 0 or 1");
        }
        return b == 1;
    }

    public static byte readByte(ByteBuffer in, String field) {
        need(in, 1, field, "byte");
        return in.get();
    }

    public static short readShort(ByteBuffer in, String field) {
        need(in, 2, field, "short");
        return in.getShort();
    }

    /** A u16 as an int from 0 to 65,535. */
    public static int readUshort(ByteBuffer in, String field) {
        need(in, 2, field, "ushort");
        return in.getShort() & 0xFFFF;
    }

    public static int readInt(ByteBuffer in, String field) {
        need(in, 4, field, "int");
        return in.getInt();
    }

    /** A u32 as a long from 0 to 2^32 - 1. */
    public static long readUint(ByteBuffer in, String field) {
        need(in, 4, field, "uint");
        return in.getInt() & 0xFFFF_FFFFL;
    }

    public static long readLong(ByteBuffer in, String field) {
        need(in, 8, field, "long");
        return in.getLong();
    }

    public static float readFloat(ByteBuffer in, String field) {
        need(in, 4, field, "float");
        return in.getFloat();
    }

    public static double readDouble(ByteBuffer in, String field) {
        need(in, 8, field, "double");
        return in.getDouble();
    }

    /** A u16 byte count and that many bytes of strict UTF-8. */
    public static String readString(ByteBuffer in, String field) {
        need(in, 2, field, "string length");
        int length = in.getShort() & 0xFFFF;
        if (length > in.remaining()) {
            throw new MalformedPacketException(field, "string length=" + length + " exceeds remaining="
                    + in.remaining());
        }
        return Utf8.decode(in, length, field);
    }

    /**
     * A u16 element count and that many elements, each parsed by {@code element}.
     *
     * @param minElementSize the fewest bytes one element can take (at least 1); the count is
     *                       rejected before the list is allocated if the remaining bytes cannot
     *                       hold that many elements of this size
     */
    public static <E> List<E> readList(ByteBuffer in, int minElementSize, Function<ByteBuffer, E> element,
            String field) {
        if (minElementSize < 1) {
            throw new IllegalArgumentException("minElementSize=" + minElementSize + ", min=1");
        }
        need(in, 2, field, "list count");
        int count = in.getShort() & 0xFFFF;
        long least = (long) count * minElementSize;
        if (least > in.remaining()) {
            throw new MalformedPacketException(field, "list count=" + count + " needs at least " + least
                    + " bytes, exceeds remaining=" + in.remaining());
        }
        List<E> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(element.apply(in));
        }
        return list;
    }

    private static void need(ByteBuffer in, int bytes, String field, String what) {
        if (in.remaining() < bytes) {
            throw new MalformedPacketException(field, what + " needs " + bytes + " bytes, remaining=" + in.remaining());
        }
    }
}
