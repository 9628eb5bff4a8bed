package io.servercore.benchmarks.micro;

import io.servercore.benchmarks.protocol.S_Chat;
import io.servercore.benchmarks.protocol.S_EnterRoom;
import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import io.servercore.packet.Packet;
import io.servercore.packet.PacketHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** The packets the PDL benchmarks encode and parse: what a chat server sends most and largest. */
final class SamplePackets {
    /** Members listed in the S_EnterRoom that a joiner of a full room receives. */
    static final int ROOM_MEMBERS = 100;

    private SamplePackets() {
    }

    /** A chat line of 64 ASCII characters (64 bytes of UTF-8). */
    static S_Chat chat() {
        return new S_Chat(42, "x".repeat(54) + "0123456789");
    }

    /** The reply to entering a room of {@value #ROOM_MEMBERS} members, each with a short name and a position. */
    static S_EnterRoom enterRoom() {
        List<S_EnterRoom.Player> members = new ArrayList<>(ROOM_MEMBERS);
        for (int i = 0; i < ROOM_MEMBERS; i++) {
            members.add(new S_EnterRoom.Player(i, "player-" + i, i * 1.5f, 0f, -i * 0.25f));
        }
        return new S_EnterRoom(7, "lobby", members);
    }

    /** {@code packet}'s payload as a receiver sees it: direct, little-endian, after the header. */
    static ByteBuffer payloadOf(Packet packet) {
        SendBufferManager pool = new SendBufferManager(SendBufferManager.DEFAULT_CHUNK_SIZE, 1, false);
        SendBuffer frame = packet.write(pool);
        try {
            ByteBuffer bytes = frame.nioBuffer();
            bytes.position(PacketHeader.HEADER_LENGTH);
            ByteBuffer payload = ByteBuffer.allocateDirect(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
            payload.put(bytes).flip();
            return payload;
        } finally {
            frame.release();
        }
    }
}
