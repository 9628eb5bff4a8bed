package io.servercore.pdl;

import static io.servercore.packet.PacketBytes.hex;
import static io.servercore.packet.PacketBytes.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.chat.C_Chat;
import io.servercore.chat.C_LeaveRoom;
import io.servercore.chat.C_Move;
import io.servercore.chat.C_Ping;
import io.servercore.chat.S_EnterRoom;
import io.servercore.packet.MalformedPacketException;
import io.servercore.pdl.testtypes.C_AllTypes;
import io.servercore.pdl.testtypes.S_Bytes;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformation of docs/protocol.md section 2, through the generated parsers. Single-threaded. */
class MalformedPayloadTest {
    /** C_AllTypes up to its text: flag, byte, short, ushort, int, uint, long, float, double. */
    private static final String ALL_TYPES_FIXED = "01 00 0000 0000 00000000 00000000 0000000000000000 00000000 0000000000000000";

    @Test
    void rejectsAFieldThatRunsPastTheFrame() {
        assertMalformed(C_Move::read, "0000803f 00000040 0000bf", "malformed C_Move.z: float needs 4 bytes, remaining=3");
        assertMalformed(C_Ping::read, "", "malformed C_Ping.time: long needs 8 bytes, remaining=0");
        assertMalformed(C_Chat::read, "2c01 000000000000000000000000",
                "malformed C_Chat.chat: string length=300 exceeds remaining=12");
        assertMalformed(C_Chat::read, "05", "malformed C_Chat.chat: string length needs 2 bytes, remaining=1");
        // Inside a list element: the second player's name length runs past the end.
        assertMalformed(S_EnterRoom::read, "07000000 0000 0200"
                + " 01000000 0000 00000000 00000000 00000000"
                + " 02000000 0001 00000000 00000000 00000000",
                "malformed S_EnterRoom.player.name: string length=256 exceeds remaining=12");
    }

    @Test
    void rejectsTrailingBytes() {
        assertMalformed(C_Ping::read, "0807060504030201 00", "malformed C_Ping: 1 trailing bytes after the last field");
        assertMalformed(C_LeaveRoom::read, "ffff", "malformed C_LeaveRoom: 2 trailing bytes after the last field");
        assertMalformed(C_Chat::read, "0100 61 62", "malformed C_Chat: 1 trailing bytes after the last field");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "overlong '/';                      c0af;     overlong encoding of U+002F",
        "lone continuation byte;            80;       continuation byte 0x80 without a lead byte",
        "surrogate code point U+D83D;       eda0bd;   surrogate code point U+D83D",
        "truncated 3-byte sequence;         e282;     sequence truncated by the end of the string",
        "truncated 4-byte emoji;            f09f99;   sequence truncated by the end of the string",
    })
    void rejectsInvalidUtf8(String what, String utf8, String reason) {
        int length = hex(utf8).length;
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> C_Chat.read(payload(hex(String.format("%02x00", length) + utf8))));
        assertTrue(e.getMessage().startsWith("malformed C_Chat.chat: invalid UTF-8 at byte 0 of " + length + ": "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(reason), e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8InsideAListElement() {
        assertMalformed(S_EnterRoom::read, "07000000 0000 0100 01000000 0200 c328 00000000 00000000 00000000",
                "malformed S_EnterRoom.player.name: invalid UTF-8 at byte 0 of 2: lead byte 0xC3 followed by 0x28");
    }

    @Test
    void rejectsABoolThatIsNeitherZeroNorOne() {
        assertMalformed(C_AllTypes::read, "02" + ALL_TYPES_FIXED.substring(2) + " 0000 0000",
                "malformed C_AllTypes.flag: bool value=2 is not 0 or 1");
        assertMalformed(C_AllTypes::read, ALL_TYPES_FIXED + " 0000 0100 0000 0100 05000000 ff",
                "malformed C_AllTypes.row.cell.set: bool value=255 is not 0 or 1");
    }

    @Test
    void rejectsAListCountLargerThanTheBytesCouldHold() {
        assertMalformed(S_EnterRoom::read, "07000000 0000 ffff 010203",
                "malformed S_EnterRoom.player: list count=65535 needs at least 1179630 bytes, exceeds remaining=3");
        assertMalformed(S_Bytes::read, "ffff 010203",
                "malformed S_Bytes.item: list count=65535 needs at least 65535 bytes, exceeds remaining=3");
        // Nested: a row (at least 4 bytes: empty label and empty cell list) claims 2 cells of 5 bytes in 6.
        assertMalformed(C_AllTypes::read, ALL_TYPES_FIXED + " 0000 0100 0000 0200 000000000000",
                "malformed C_AllTypes.row.cell: list count=2 needs at least 10 bytes, exceeds remaining=6");
    }

    @Test
    void parsesAWellFormedPayloadThatUsesAllOfIt() {
        ByteBuffer payload = payload(hex("0300 616263"));
        assertEquals(new C_Chat("abc"), C_Chat.read(payload));
        assertEquals(payload.limit(), payload.position());
    }

    private static void assertMalformed(Function<ByteBuffer, ?> read, String payloadHex, String message) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> read.apply(payload(hex(payloadHex))));
        assertEquals(message, e.getMessage());
    }
}
