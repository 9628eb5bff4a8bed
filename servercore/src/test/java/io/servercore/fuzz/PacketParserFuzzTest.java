package io.servercore.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import io.servercore.chat.C_Chat;
import io.servercore.chat.C_EnterRoom;
import io.servercore.chat.C_LeaveRoom;
import io.servercore.chat.C_Move;
import io.servercore.chat.C_Ping;
import io.servercore.chat.S_BroadcastEnter;
import io.servercore.chat.S_BroadcastLeave;
import io.servercore.chat.S_BroadcastMove;
import io.servercore.chat.S_Chat;
import io.servercore.chat.S_EnterRoom;
import io.servercore.chat.S_Error;
import io.servercore.chat.S_Pong;
import io.servercore.packet.MalformedPacketException;
import io.servercore.packet.Packet;
import io.servercore.packet.PacketHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;

/**
 * Fuzzes every generated parser of the chat protocol. A payload either parses, and then
 * re-encodes to exactly the bytes it came from (the encoding is canonical) and parses back
 * equal, or is rejected with {@link MalformedPacketException}; nothing else may escape.
 *
 * <p>The first input byte picks the packet, the rest is its payload. The normal test run
 * replays the committed corpus in {@code src/test/resources/io/servercore/fuzz/PacketParserFuzzTestInputs}.
 */
class PacketParserFuzzTest {
    private static final java.util.List<Function<ByteBuffer, Packet>> PARSERS = java.util.List.of(
            C_EnterRoom::read, S_EnterRoom::read, S_BroadcastEnter::read, C_LeaveRoom::read,
            S_BroadcastLeave::read, C_Chat::read, S_Chat::read, C_Move::read, S_BroadcastMove::read,
            C_Ping::read, S_Pong::read, S_Error::read);

    @FuzzTest(maxDuration = "60s")
    void everyParserAcceptsOnlyWhatItCanWriteBackAndRejectsTheRestCleanly(FuzzedDataProvider data) {
        Function<ByteBuffer, Packet> parser = PARSERS.get(data.consumeInt(0, PARSERS.size() - 1));
        byte[] payload = data.consumeRemainingAsBytes();
        Packet packet;
        try {
            packet = parser.apply(ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN));
        } catch (MalformedPacketException rejected) {
            return;
        }
        if (payload.length + PacketHeader.HEADER_LENGTH > PacketHeader.MAX_FRAME_SIZE) {
            return; // parsed from a payload no frame could carry; nothing to write back
        }
        SendBuffer slice = packet.write(SendBufferManager.shared());
        try {
            ByteBuffer frame = slice.nioBuffer().order(ByteOrder.LITTLE_ENDIAN);
            byte[] written = new byte[frame.remaining() - PacketHeader.HEADER_LENGTH];
            frame.position(PacketHeader.HEADER_LENGTH);
            frame.get(written);
            if (!java.util.Arrays.equals(payload, written)) {
                Assertions.fail(packet + " re-encoded differently");
            }
            Packet again = parser.apply(ByteBuffer.wrap(written).order(ByteOrder.LITTLE_ENDIAN));
            if (!Objects.equals(packet, again)) {
                Assertions.fail(packet + " parsed back as " + again);
            }
        } finally {
            slice.release();
        }
    }
}
