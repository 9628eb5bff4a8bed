package io.servercore.packet;

import java.nio.ByteBuffer;

/**
 * The frame layout of the wire protocol, and its constants.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |         size (u16 LE)         |          id (u16 LE)          |
 *  +-------------------------------+-------------------------------+
 *  |                  payload: size - 4 bytes                    ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * {@code size} counts the whole frame, header included, so it is never below
 * {@link #HEADER_LENGTH}; it is at most {@link #MAX_FRAME_SIZE}. Frames follow each other on
 * the stream with no gap. All numbers are little-endian, as the C# and C++ servers of the
 * course write them on x86.
 */
public final class PacketHeader {
    /** Offset of the u16 frame size. */
    public static final int SIZE_OFFSET = 0;
    /** Offset of the u16 packet id. */
    public static final int ID_OFFSET = 2;
    /** Bytes before the payload; also the smallest legal frame. */
    public static final int HEADER_LENGTH = 4;
    /** The largest frame a u16 size can describe. */
    public static final int MAX_FRAME_SIZE = 0xFFFF;

    private PacketHeader() {
    }

    /** The frame size at absolute {@code index}; byte order is read as little-endian whatever the buffer's. */
    public static int size(ByteBuffer buf, int index) {
        return u16(buf, index + SIZE_OFFSET);
    }

    /** The packet id at absolute {@code index}. */
    public static int id(ByteBuffer buf, int index) {
        return u16(buf, index + ID_OFFSET);
    }

    /** Writes a header at absolute {@code index}. */
    public static void write(ByteBuffer buf, int index, int size, int id) {
        buf.put(index + SIZE_OFFSET, (byte) size).put(index + SIZE_OFFSET + 1, (byte) (size >>> 8));
        buf.put(index + ID_OFFSET, (byte) id).put(index + ID_OFFSET + 1, (byte) (id >>> 8));
    }

    private static int u16(ByteBuffer buf, int index) {
        return (buf.get(index) & 0xFF) | (buf.get(index + 1) & 0xFF) << 8;
    }
}
