package io.servercore.packet;

import static io.servercore.packet.PacketBytes.hex;
import static io.servercore.packet.PacketBytes.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The field readers: little-endian values, and each rejection with the field, the value and
 * the limit in its message. Single-threaded.
 */
class PacketReaderTest {

    @Test
    void readsEveryTypeLittleEndian() {
        ByteBuffer in = payload(hex("01 | 80 | 0180 | ffff | 04030201 | ffffffff | 0807060504030201 | 0000803f"
                + " | 000000000000f03f | 0300 616263"));
        assertTrue(PacketReader.readBool(in, "f"));
        assertEquals((byte) -128, PacketReader.readByte(in, "f"));
        assertEquals((short) 0x8001, PacketReader.readShort(in, "f"));
        assertEquals(65535, PacketReader.readUshort(in, "f"));
        assertEquals(0x01020304, PacketReader.readInt(in, "f"));
        assertEquals(4294967295L, PacketReader.readUint(in, "f"));
        assertEquals(0x0102030405060708L, PacketReader.readLong(in, "f"));
        assertEquals(1.0f, PacketReader.readFloat(in, "f"));
        assertEquals(1.0, PacketReader.readDouble(in, "f"));
        assertEquals("abc", PacketReader.readString(in, "f"));
        PacketReader.expectEnd(in, "P");
    }

    @ParameterizedTest(name = "{0} with {1} bytes")
    @CsvSource({"bool,0", "byte,0", "short,1", "ushort,1", "int,3", "uint,3", "long,7", "float,3", "double,7",
        "string,1", "list,1"})
    void rejectsAFieldThatRunsPastTheFrame(String type, int available) {
        ByteBuffer in = payload(new byte[available]);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> read(type, in));
        assertTrue(e.getMessage().startsWith("malformed P.f: " + type), e.getMessage());
        assertTrue(e.getMessage().endsWith("remaining=" + available), e.getMessage());
    }

    @Test
    void rejectsAStringLongerThanTheBytesLeft() {
        byte[] bytes = new byte[14];
        bytes[0] = 44;
        bytes[1] = 1; // 300
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketReader.readString(payload(bytes), "C_Chat.chat"));
        assertEquals("malformed C_Chat.chat: string length=300 exceeds remaining=12", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"2", "255"})
    void rejectsABoolThatIsNeitherZeroNorOne(int value) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketReader.readBool(payload(new byte[] {(byte) value}), "P.flag"));
        assertEquals("malformed P.flag: bool value=" + value + " is not 0 or 1", e.getMessage());
    }

    @Test
    void rejectsAListCountTheBytesCannotHoldBeforeParsingAnyElement() {
        Function<ByteBuffer, Object> mustNotRun = in -> {
            throw new AssertionError("an element was parsed before the count was checked");
        };
        ByteBuffer in = payload(hex("ffff 010203"));
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketReader.readList(in, 1, mustNotRun, "P.items"));
        assertEquals("malformed P.items: list count=65535 needs at least 65535 bytes, exceeds remaining=3", e.getMessage());
        // The minimum element size bounds the count: 2 elements of at least 2 bytes do not fit in 3.
        assertThrows(MalformedPacketException.class,
                () -> PacketReader.readList(payload(hex("0200 010203")), 2, mustNotRun, "P.items"));
    }

    @Test
    void readsAListOfExactlyAsManyElementsAsTheCountSays() {
        ByteBuffer in = payload(hex("0300 0a 0b 0c 0d"));
        List<Byte> list = PacketReader.readList(in, 1, b -> PacketReader.readByte(b, "P.items.v"), "P.items");
        assertEquals(List.of((byte) 10, (byte) 11, (byte) 12), list);
        assertEquals(1, in.remaining());
        assertEquals(List.of(), PacketReader.readList(payload(hex("0000")), 1, b -> 0, "P.items"));
    }

    @Test
    void rejectsTrailingBytes() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketReader.expectEnd(payload(new byte[3]), "C_LeaveRoom"));
        assertEquals("malformed C_LeaveRoom: 3 trailing bytes after the last field", e.getMessage());
    }

    @Test
    void refusesABigEndianBufferRatherThanMisreadingIt() {
        assertThrows(IllegalArgumentException.class, () -> PacketReader.requireLittleEndian(ByteBuffer.allocate(4)));
        PacketReader.requireLittleEndian(payload(new byte[4]));
    }

    @Test
    void readsAnEmptyStringWithoutTouchingTheBytesAfterIt() {
        ByteBuffer in = payload(hex("0000 ff"));
        assertEquals("", PacketReader.readString(in, "f"));
        assertEquals(2, in.position());
        assertFalse(PacketReader.readBool(payload(hex("00")), "f"));
    }

    private static Object read(String type, ByteBuffer in) {
        return switch (type) {
            case "bool" -> PacketReader.readBool(in, "P.f");
            case "byte" -> PacketReader.readByte(in, "P.f");
            case "short" -> PacketReader.readShort(in, "P.f");
            case "ushort" -> PacketReader.readUshort(in, "P.f");
            case "int" -> PacketReader.readInt(in, "P.f");
            case "uint" -> PacketReader.readUint(in, "P.f");
            case "long" -> PacketReader.readLong(in, "P.f");
            case "float" -> PacketReader.readFloat(in, "P.f");
            case "double" -> PacketReader.readDouble(in, "P.f");
            case "string" -> PacketReader.readString(in, "P.f");
            case "list" -> PacketReader.readList(in, 1, b -> b, "P.f");
            default -> throw new IllegalArgumentException(type);
        };
    }
}
