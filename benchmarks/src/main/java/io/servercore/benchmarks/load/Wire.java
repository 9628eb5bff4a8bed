package io.servercore.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * The frames the neutral generator speaks, as docs/protocol.md (version 1; sections 1 to 3)
 * defines them, written here on their own so that the generator owes nothing to the engine or to Netty.
 * Every number is little-endian; the buffers that carry them are ordered so.
 *
 * <pre>
 * frame          0        2        4
 *                +--------+--------+----------------------------+
 *                | size   | id     | payload: size - 4 bytes    |
 *                | u16 LE | u16 LE |                            |
 *                +--------+--------+----------------------------+
 *                size counts the whole frame, header included: 4..65535
 *
 * string         u16 LE byte count n, then n bytes of UTF-8
 *
 * C_EnterRoom 1  string room @4, string name after it
 * S_EnterRoom 2  int playerId @4, string room @8, then the members (not read)
 * C_Chat 6       string chat @4: u16 n @4, n bytes @6
 * S_Chat 7       int playerId @4, string chat: u16 n @8, n bytes @10
 * C_Ping 10      long time @4 (12 bytes in all)
 * S_Pong 11      long time @4 (12 bytes in all)
 * S_Error 12     ushort code @4, string message @6
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class Wire {
    static final int HEADER_LENGTH = 4;
    static final int SIZE_OFFSET = 0;
    static final int ID_OFFSET = 2;
    static final int MAX_FRAME = 0xFFFF;
    /** The u16 byte count in front of every string. */
    static final int STRING_LENGTH = 2;

    static final int C_ENTER_ROOM = 1;
    static final int S_ENTER_ROOM = 2;
    static final int S_BROADCAST_ENTER = 3;
    static final int C_CHAT = 6;
    static final int S_CHAT = 7;
    static final int C_PING = 10;
    static final int S_PONG = 11;
    static final int S_ERROR = 12;

    static final int ENTER_PLAYER_ID_OFFSET = 4;
    static final int CHAT_PLAYER_ID_OFFSET = 4;
    static final int CHAT_LENGTH_OFFSET = 8;
    static final int CHAT_TEXT_OFFSET = 10;
    static final int PONG_TIME_OFFSET = 4;
    static final int PONG_LENGTH = 12;
    static final int PING_LENGTH = 12;
    static final int ERROR_CODE_OFFSET = 4;

    private Wire() {
    }

    /** Bytes of a C_Chat frame carrying {@code payload} bytes of chat. */
    static int chatFrameLength(int payload) {
        return HEADER_LENGTH + STRING_LENGTH + payload;
    }

    /** Appends C_EnterRoom(room, name); both are UTF-8 already. */
    static void putEnterRoom(ByteBuffer out, byte[] room, byte[] name) {
        int size = HEADER_LENGTH + STRING_LENGTH + room.length + STRING_LENGTH + name.length;
        out.putShort((short) size).putShort((short) C_ENTER_ROOM);
        out.putShort((short) room.length).put(room);
        out.putShort((short) name.length).put(name);
    }

    /** Appends C_Ping(time). */
    static void putPing(ByteBuffer out, long time) {
        out.putShort((short) PING_LENGTH).putShort((short) C_PING).putLong(time);
    }

    /** Appends the header of a C_Chat of {@code payload} bytes; the chat's bytes must follow. */
    static void putChatHeader(ByteBuffer out, int payload) {
        out.putShort((short) chatFrameLength(payload)).putShort((short) C_CHAT).putShort((short) payload);
    }

    static int u16(ByteBuffer in, int offset) {
        return in.getShort(offset) & 0xFFFF;
    }
}
