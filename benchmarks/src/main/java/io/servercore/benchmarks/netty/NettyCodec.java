package io.servercore.benchmarks.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The wire format of docs/protocol.md (sections 1 and 2) written the way a Netty user writes
 * it: little-endian {@link ByteBuf} reads and writes, strings as a u16 byte count and UTF-8.
 *
 * <p>Stateless; any thread.
 */
final class NettyCodec {
    static final int HEADER = 4;

    private NettyCodec() {
    }

    /** A peer broke the format; the channel is closed with one WARN line. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** A direct buffer holding the header of a frame with {@code payload} bytes to follow. */
    static ByteBuf frame(ByteBufAllocator alloc, int id, int payload) {
        int size = HEADER + payload;
        if (size > 0xFFFF) {
            throw new IllegalArgumentException("frame size=" + size + ", max=65535");
        }
        return alloc.directBuffer(size).writeShortLE(size).writeShortLE(id);
    }

    static int stringSize(String s) {
        return 2 + ByteBufUtil.utf8Bytes(s);
    }

    static void writeString(ByteBuf out, String s) {
        out.writeShortLE(ByteBufUtil.utf8Bytes(s));
        out.writeCharSequence(s, StandardCharsets.UTF_8);
    }

    static String readString(ByteBuf in, String field) {
        need(in, 2, field);
        int length = in.readUnsignedShortLE();
        need(in, length, field);
        if (!ByteBufUtil.isText(in, in.readerIndex(), length, StandardCharsets.UTF_8)) {
            throw new Malformed(field + ": invalid UTF-8");
        }
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    static float readFloat(ByteBuf in, String field) {
        need(in, 4, field);
        return in.readFloatLE();
    }

    static long readLong(ByteBuf in, String field) {
        need(in, 8, field);
        return in.readLongLE();
    }

    static void end(ByteBuf in, String packet) {
        if (in.isReadable()) {
            throw new Malformed(packet + ": " + in.readableBytes() + " trailing bytes");
        }
    }

    private static void need(ByteBuf in, int bytes, String field) {
        if (in.readableBytes() < bytes) {
            throw new Malformed(field + " needs " + bytes + " bytes, remaining=" + in.readableBytes());
        }
    }

    static ByteBuf chat(ByteBufAllocator alloc, int playerId, String chat) {
        ByteBuf out = frame(alloc, 7, 4 + stringSize(chat));
        out.writeIntLE(playerId);
        writeString(out, chat);
        return out;
    }

    static ByteBuf broadcastEnter(ByteBufAllocator alloc, int playerId, String name, float x, float y, float z) {
        ByteBuf out = frame(alloc, 3, 4 + stringSize(name) + 12);
        out.writeIntLE(playerId);
        writeString(out, name);
        return out.writeFloatLE(x).writeFloatLE(y).writeFloatLE(z);
    }

    static ByteBuf broadcastLeave(ByteBufAllocator alloc, int playerId) {
        return frame(alloc, 5, 4).writeIntLE(playerId);
    }

    static ByteBuf broadcastMove(ByteBufAllocator alloc, int playerId, float x, float y, float z) {
        return frame(alloc, 9, 16).writeIntLE(playerId).writeFloatLE(x).writeFloatLE(y).writeFloatLE(z);
    }

    static ByteBuf pong(ByteBufAllocator alloc, long time) {
        return frame(alloc, 11, 8).writeLongLE(time);
    }

    static ByteBuf error(ByteBufAllocator alloc, int code, String message) {
        ByteBuf out = frame(alloc, 12, 2 + stringSize(message));
        out.writeShortLE(code);
        writeString(out, message);
        return out;
    }
}
