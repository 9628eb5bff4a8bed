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
import io.servercore.packet.PacketBytes;
import io.servercore.packet.PacketHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;

/**
 * Fuzzes every generated parser of the chat protocol. A payload either parses, and then
 * re-encodes to exactly the bytes it came from (the encoding is canonical) and parses back
 * equal, or is rejected with {@link MalformedPacketException}; nothing else may escape. And a
 * payload written field by field by the test's own encoder ({@link Wire}, from docs/protocol.md
 * section 2) always parses, to exactly the values written, and the generated writer writes the
 * same bytes back: a parser that rejected everything would pass the first test, not this one.
 *
 * <p>For the first test the first input byte picks the packet, the rest is its payload; for the
 * second the input picks the packet and its field values. The normal test run replays the
 * committed corpus in {@code src/test/resources/io/servercore/fuzz/PacketParserFuzzTestInputs}
 * (the second method's is a copy of the first's).
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

    @FuzzTest(maxDuration = "60s")
    void validPayloadsFromAnIndependentEncoderParseToTheValuesWrittenAndWriteBackTheSameBytes(FuzzedDataProvider data) {
        Wire wire = new Wire(data);
        Packet expected;
        Function<ByteBuffer, Packet> parser;
        switch (data.consumeInt(0, 11)) {
            case 0 -> {
                expected = new C_EnterRoom(wire.string(), wire.string());
                parser = C_EnterRoom::read;
            }
            case 1 -> {
                int playerId = wire.i32();
                String room = wire.string();
                int count = data.consumeInt(0, 5);
                wire.u16(count);
                List<S_EnterRoom.Player> players = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    players.add(new S_EnterRoom.Player(wire.i32(), wire.string(), wire.f32(), wire.f32(), wire.f32()));
                }
                expected = new S_EnterRoom(playerId, room, players);
                parser = S_EnterRoom::read;
            }
            case 2 -> {
                expected = new S_BroadcastEnter(wire.i32(), wire.string(), wire.f32(), wire.f32(), wire.f32());
                parser = S_BroadcastEnter::read;
            }
            case 3 -> {
                expected = new C_LeaveRoom();
                parser = C_LeaveRoom::read;
            }
            case 4 -> {
                expected = new S_BroadcastLeave(wire.i32());
                parser = S_BroadcastLeave::read;
            }
            case 5 -> {
                expected = new C_Chat(wire.string());
                parser = C_Chat::read;
            }
            case 6 -> {
                expected = new S_Chat(wire.i32(), wire.string());
                parser = S_Chat::read;
            }
            case 7 -> {
                expected = new C_Move(wire.f32(), wire.f32(), wire.f32());
                parser = C_Move::read;
            }
            case 8 -> {
                expected = new S_BroadcastMove(wire.i32(), wire.f32(), wire.f32(), wire.f32());
                parser = S_BroadcastMove::read;
            }
            case 9 -> {
                expected = new C_Ping(wire.i64());
                parser = C_Ping::read;
            }
            case 10 -> {
                expected = new S_Pong(wire.i64());
                parser = S_Pong::read;
            }
            default -> {
                expected = new S_Error(wire.u16(data.consumeInt(0, 0xFFFF)), wire.string());
                parser = S_Error::read;
            }
        }
        byte[] payload = wire.bytes();
        Packet parsed;
        try {
            parsed = parser.apply(ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN));
        } catch (MalformedPacketException e) {
            throw new AssertionError("a valid payload of " + expected + " was rejected: " + e.getMessage(), e);
        }
        Assertions.assertEquals(expected, parsed, "parsed from " + PacketBytes.toHex(payload));

        byte[] frame = PacketBytes.encode(expected);
        Assertions.assertEquals(PacketHeader.HEADER_LENGTH + payload.length, (frame[0] & 0xFF) | (frame[1] & 0xFF) << 8,
                "the size field of " + expected);
        Assertions.assertEquals(expected.id(), (frame[2] & 0xFF) | (frame[3] & 0xFF) << 8, "the id field of " + expected);
        Assertions.assertArrayEquals(payload, PacketBytes.payloadBytes(frame), "the generated writer's payload of " + expected);
    }

    /**
     * Writes fields as docs/protocol.md section 2 says, with {@link ByteBuffer} and the JDK's UTF-8
     * encoder only, taking each value from the fuzzer and returning it.
     */
    private static final class Wire {
        private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f};
        private final FuzzedDataProvider data;
        private final ByteBuffer out = ByteBuffer.allocate(PacketHeader.MAX_FRAME_SIZE).order(ByteOrder.LITTLE_ENDIAN);

        Wire(FuzzedDataProvider data) {
            this.data = data;
        }

        int i32() {
            int value = data.consumeInt();
            out.putInt(value);
            return value;
        }

        long i64() {
            long value = data.consumeLong();
            out.putLong(value);
            return value;
        }

        float f32() {
            float value = data.consumeBoolean() ? SPECIAL[data.consumeInt(0, SPECIAL.length - 1)] : data.consumeRegularFloat();
            out.putFloat(value);
            return value;
        }

        int u16(int value) {
            out.put((byte) value).put((byte) (value >>> 8));
            return value;
        }

        /** Up to 24 code points from all of Unicode but the surrogates: any valid string. */
        String string() {
            StringBuilder text = new StringBuilder();
            int codePoints = data.consumeInt(0, 24);
            for (int i = 0; i < codePoints; i++) {
                int codePoint = data.consumeInt(0, Character.MAX_CODE_POINT - 0x800);
                text.appendCodePoint(codePoint < Character.MIN_SURROGATE ? codePoint : codePoint + 0x800);
            }
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            u16(utf8.length);
            out.put(utf8);
            return text.toString();
        }

        byte[] bytes() {
            return Arrays.copyOf(out.array(), out.position());
        }
    }
}
