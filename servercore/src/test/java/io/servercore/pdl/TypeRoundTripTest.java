package io.servercore.pdl;

import static io.servercore.packet.PacketBytes.encode;
import static io.servercore.packet.PacketBytes.hex;
import static io.servercore.packet.PacketBytes.payload;
import static io.servercore.packet.PacketBytes.payloadBytes;
import static io.servercore.packet.PacketBytes.payloadOf;
import static io.servercore.packet.PacketBytes.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.servercore.buffer.SendBufferManager;
import io.servercore.packet.PacketReader;
import io.servercore.packet.PacketWriter;
import io.servercore.pdl.testtypes.C_AllTypes;
import io.servercore.pdl.testtypes.C_AllTypes.Row;
import io.servercore.pdl.testtypes.C_AllTypes.Row.Cell;
import io.servercore.pdl.testtypes.C_Ranges;
import io.servercore.pdl.testtypes.S_Bytes;
import io.servercore.pdl.testtypes.S_MaxId;
import io.servercore.pdl.testtypes.S_Text;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every PDL type at its edges, through the classes generated from {@code testtypes.pdl.xml}. Single-threaded. */
class TypeRoundTripTest {

    @Test
    void roundTripsTheMinimumOfEveryType() {
        C_AllTypes min = new C_AllTypes(false, Byte.MIN_VALUE, Short.MIN_VALUE, 0, Integer.MIN_VALUE, 0L, Long.MIN_VALUE,
                -0.0f, -0.0, "", List.of());
        byte[] frame = encode(min);
        assertEquals(toHex(hex("2a00 0100"             // size 42, id 1
                + " 00 80 0080 0000"                  // false, -128, -32768, ushort 0
                + " 00000080 00000000"                // int min, uint 0
                + " 0000000000000080"                 // long min
                + " 00000080 0000000000000080"        // -0.0f, -0.0
                + " 0000 0000")), toHex(frame));      // empty string, empty list
        assertRoundTrips(min, frame);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(C_AllTypes.read(payloadOf(frame)).f));
        assertNotEquals(min, withF(min, 0.0f), "-0.0 and 0.0 differ, as in Float.equals");
    }

    @Test
    void roundTripsTheMaximumOfEveryType() {
        C_AllTypes max = new C_AllTypes(true, Byte.MAX_VALUE, Short.MAX_VALUE, 65535, Integer.MAX_VALUE, 4294967295L,
                Long.MAX_VALUE, Float.MAX_VALUE, Double.MAX_VALUE, "x", List.of());
        byte[] frame = encode(max);
        assertEquals(toHex(hex("2b00 0100"             // size 43, id 1
                + " 01 7f ff7f ffff"                  // true, 127, 32767, ushort 65535
                + " ffffff7f ffffffff"                // int max, uint 4294967295
                + " ffffffffffffff7f"                 // long max
                + " ffff7f7f ffffffffffffef7f"        // Float.MAX_VALUE, Double.MAX_VALUE
                + " 0100 78 0000")), toHex(frame));
        assertRoundTrips(max, frame);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7fc00000, 0x7fc00001, 0xffc00000, 0x7f800001, 0x7f800000, 0xff800000, 0x00000001, 0x80000000})
    void keepsTheBitsOfNanInfinityAndSubnormalFloats(int bits) {
        C_AllTypes packet = new C_AllTypes();
        packet.f = Float.intBitsToFloat(bits);
        C_AllTypes parsed = C_AllTypes.read(payloadOf(encode(packet)));
        assertEquals(bits, Float.floatToRawIntBits(parsed.f));
        assertEquals(packet, parsed, "NaN equals NaN, as in Float.equals");
    }

    @ParameterizedTest
    @ValueSource(longs = {0x7ff8000000000000L, 0x7ff8000000000001L, 0xfff8000000000000L, 0x7ff0000000000000L,
        0xfff0000000000000L, 1L, 0x8000000000000000L})
    void keepsTheBitsOfNanInfinityAndSubnormalDoubles(long bits) {
        C_AllTypes packet = new C_AllTypes();
        packet.d = Double.longBitsToDouble(bits);
        C_AllTypes parsed = C_AllTypes.read(payloadOf(encode(packet)));
        assertEquals(bits, Double.doubleToRawLongBits(parsed.d));
        assertEquals(packet, parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "é ñ ß", "€ 안녕 中文", "🙂 🎉 𝄞", "mixed: a é € 🙂"})
    void roundTripsStringsOfOneToFourByteSequences(String text) {
        S_Text packet = new S_Text(text);
        byte[] frame = encode(packet);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(4 + 2 + utf8.length, frame.length);
        assertEquals(toHex(utf8), toHex(payloadBytes(frame)).substring(4), "the bytes are UTF-8");
        assertRoundTrips(packet, frame);
    }

    @Test
    void roundTripsTheLongestStringAFrameHolds() {
        // 65,535 - 4 (header) - 2 (length) = 65,529 bytes: 16,382 four-byte emoji and one 'a'.
        S_Text packet = new S_Text("🙂".repeat(16382) + "a");
        byte[] frame = encode(packet);
        assertEquals(65535, frame.length);
        assertRoundTrips(packet, frame);
    }

    @Test
    void refusesToWriteAFrameOverTheLimitAndLeavesThePoolUsable() {
        SendBufferManager pool = SendBufferManager.shared();
        long before = pool.outstandingSlices();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new S_Text("a".repeat(65530)).write(pool));
        assertEquals("S_Text.text: at least 65536 bytes, exceeds the frame limit of 65535", e.getMessage());
        assertEquals("S_Text.text: string of 65536 UTF-8 bytes exceeds max=65535",
                assertThrows(IllegalArgumentException.class, () -> new S_Text("a".repeat(65536)).write(pool)).getMessage());
        assertEquals(before, pool.outstandingSlices());
        assertRoundTrips(new S_Text("next"), encode(new S_Text("next")));
    }

    @Test
    void readsAndWritesA65535ByteStringOutsideAFrame() {
        // The u16 length itself goes to 65,535, though no frame can carry such a string.
        String longest = "안".repeat(21845);
        ByteBuffer buf = ByteBuffer.allocate(2 + 65535).order(ByteOrder.LITTLE_ENDIAN);
        PacketWriter.putString(buf, longest);
        assertEquals(toHex(hex("ffff ec9588")), toHex(Arrays.copyOf(buf.array(), 5)));
        assertEquals(longest, PacketReader.readString(buf.flip(), "f"));
    }

    @Test
    void roundTripsEmptyListsAndListsOfLists() {
        C_AllTypes packet = new C_AllTypes();
        packet.row = List.of(
                new Row("empty", List.of()),
                new Row("two", List.of(new Cell(0L, true), new Cell(4294967295L, false))),
                new Row("", List.of(new Cell(7L, false))));
        byte[] frame = encode(packet);
        assertEquals(toHex(hex(
                "0300"                                // 3 rows
                + " 0500 656d707479 0000"             // "empty", no cells
                + " 0300 74776f 0200"                 // "two", 2 cells
                + "   00000000 01 ffffffff 00"        //   (0, true), (4294967295, false)
                + " 0000 0100 07000000 00")),         // "", 1 cell: (7, false)
                toHex(payloadBytes(frame)).substring(2 * (34 + 2))); // after the fixed fields and the empty text
        assertRoundTrips(packet, frame);
        assertEquals(2 + 3 + 2 + 5 + 5, packet.row.get(1).encodedSize(), "an element knows its size");
    }

    @Test
    void roundTripsTheLongestListAFrameHoldsAndRefusesALongerOne() {
        List<S_Bytes.Item> items = new ArrayList<>(Collections.nCopies(65529, new S_Bytes.Item((byte) -1)));
        S_Bytes packet = new S_Bytes(items);
        byte[] frame = encode(packet);
        assertEquals(65535, frame.length);
        assertRoundTrips(packet, frame);
        items.add(new S_Bytes.Item((byte) 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, packet::encodedSize);
        assertEquals("S_Bytes.item: at least 65536 bytes, exceeds the frame limit of 65535", e.getMessage());
    }

    @Test
    void refusesValuesOutsideTheirRangeNamingTheField() {
        SendBufferManager pool = SendBufferManager.shared();
        assertEquals("C_Ranges.us: ushort value=65536 is outside 0..65535",
                assertThrows(IllegalArgumentException.class, () -> new C_Ranges(65536, 0, false).write(pool)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new C_Ranges(-1, 0, false).write(pool));
        assertEquals("C_Ranges.ui: uint value=4294967296 is outside 0..4294967295",
                assertThrows(IllegalArgumentException.class, () -> new C_Ranges(0, 4294967296L, false).write(pool))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new C_Ranges(0, -1, false).write(pool));
        C_AllTypes nested = new C_AllTypes();
        nested.row = List.of(new Row("r", List.of(new Cell(-5, true))));
        assertEquals("C_AllTypes.row.cell.value: uint value=-5 is outside 0..4294967295",
                assertThrows(IllegalArgumentException.class, () -> nested.write(pool)).getMessage());
        assertRoundTrips(new C_Ranges(65535, 4294967295L, true), encode(new C_Ranges(65535, 4294967295L, true)));
    }

    @Test
    void refusesNullStringsListsAndElementsNamingTheField() {
        SendBufferManager pool = SendBufferManager.shared();
        assertEquals("S_Text.text is null",
                assertThrows(NullPointerException.class, () -> new S_Text(null).write(pool)).getMessage());
        C_AllTypes packet = new C_AllTypes();
        packet.row = null;
        assertEquals("C_AllTypes.row is null", assertThrows(NullPointerException.class, () -> packet.write(pool)).getMessage());
        packet.row = Arrays.asList(new Row(), null);
        assertEquals("C_AllTypes.row has a null element",
                assertThrows(NullPointerException.class, () -> packet.write(pool)).getMessage());
    }

    @Test
    void writesTheLargestIdAndAnEmptyPayload() {
        byte[] frame = encode(new S_MaxId());
        assertEquals("0400ffff", toHex(frame));
        assertEquals(new S_MaxId(), S_MaxId.read(payload(new byte[0])));
    }

    @Test
    void startsFromZerosAndEmptyStringsAndLists() {
        C_AllTypes empty = new C_AllTypes();
        assertEquals("", empty.text);
        assertEquals(List.of(), empty.row);
        assertEquals(4 + 34 + 2 + 2, empty.encodedSize());
        assertEquals("C_AllTypes{flag=false, b=0, s=0, us=0, i=0, ui=0, l=0, f=0.0, d=0.0, text=, row=[]}", empty.toString());
    }

    private static void assertRoundTrips(Object packet, byte[] frame) {
        ByteBuffer payload = payloadOf(frame);
        Object parsed = switch (packet.getClass().getSimpleName()) {
            case "C_AllTypes" -> C_AllTypes.read(payload);
            case "S_Text" -> S_Text.read(payload);
            case "S_Bytes" -> S_Bytes.read(payload);
            case "C_Ranges" -> C_Ranges.read(payload);
            default -> throw new IllegalArgumentException(packet.toString());
        };
        assertEquals(packet, parsed);
        assertEquals(packet.hashCode(), parsed.hashCode());
        assertEquals(0, payload.remaining());
    }

    private static C_AllTypes withF(C_AllTypes packet, float f) {
        C_AllTypes copy = C_AllTypes.read(payloadOf(encode(packet)));
        copy.f = f;
        return copy;
    }
}
