package io.servercore.packet;

import static io.servercore.packet.PacketBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The field sizing and writing: every limit refused with the field's name before anything
 * is reserved, and a failed write that leaves the pool usable. Single-threaded.
 */
class PacketWriterTest {

    @Test
    void acceptsUshortAndUintExactlyInTheirRanges() {
        PacketWriter.checkUshort(0, "f");
        PacketWriter.checkUshort(65535, "f");
        PacketWriter.checkUint(0, "f");
        PacketWriter.checkUint(4294967295L, "f");
        assertEquals("S_Error.code: ushort value=65536 is outside 0..65535",
                assertThrows(IllegalArgumentException.class, () -> PacketWriter.checkUshort(65536, "S_Error.code")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PacketWriter.checkUshort(-1, "f"));
        assertThrows(IllegalArgumentException.class, () -> PacketWriter.checkUint(4294967296L, "f"));
        assertEquals("P.u: uint value=-1 is outside 0..4294967295",
                assertThrows(IllegalArgumentException.class, () -> PacketWriter.checkUint(-1, "P.u")).getMessage());
    }

    @Test
    void sizesAStringByItsUtf8BytesAndRefusesOneOverTheU16Limit() {
        assertEquals(10 + 2 + 3, PacketWriter.addString(10, "안", "f"));
        assertEquals(2 + 4, PacketWriter.addString(0, "🙂", "f"));
        String tooLong = "a".repeat(65536);
        assertEquals("C_Chat.chat: string of 65536 UTF-8 bytes exceeds max=65535",
                assertThrows(IllegalArgumentException.class, () -> PacketWriter.addString(4, tooLong, "C_Chat.chat"))
                        .getMessage());
        // Counted in UTF-8 bytes, not chars: 21,846 three-byte chars are 65,538 bytes.
        assertThrows(IllegalArgumentException.class, () -> PacketWriter.addString(0, "안".repeat(21846), "f"));
        assertEquals("S_Chat.chat is null",
                assertThrows(NullPointerException.class, () -> PacketWriter.addString(4, null, "S_Chat.chat")).getMessage());
    }

    @Test
    void refusesASizeOverTheFrameLimitNamingTheField() {
        assertEquals(65535, PacketWriter.addString(4, "a".repeat(65529), "S_Text.text"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PacketWriter.addString(4, "a".repeat(65530), "S_Text.text"));
        assertEquals("S_Text.text: at least 65536 bytes, exceeds the frame limit of 65535", e.getMessage());
    }

    @Test
    void sizesAListByItsElementsAndRefusesNullsAndTooManyElements() {
        List<String> list = List.of("a", "bc");
        assertEquals(4 + 2 + 3 + 4, PacketWriter.addList(4, list, s -> 2 + s.length(), "f"));
        assertEquals(6, PacketWriter.addList(4, List.of(), s -> 1, "f"));
        assertEquals("P.items is null",
                assertThrows(NullPointerException.class, () -> PacketWriter.addList(4, null, s -> 1, "P.items")).getMessage());
        assertEquals("P.items has a null element",
                assertThrows(NullPointerException.class,
                        () -> PacketWriter.addList(4, Arrays.asList("a", null), s -> 1, "P.items")).getMessage());
        assertEquals("P.items: list of 65536 elements exceeds max=65535",
                assertThrows(IllegalArgumentException.class,
                        () -> PacketWriter.addList(4, Collections.nCopies(65536, "x"), s -> 0, "P.items")).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PacketWriter.addList(4, Collections.nCopies(65535, "x"), s -> 1, "P.items"));
    }

    @Test
    void writesAStringWithItsByteCountFilledInAfterEncoding() {
        ByteBuffer out = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x77);
        PacketWriter.putString(out, "a안🙂");
        assertArrayEquals(hex("77 0800 61 ec9588 f09f9982"), Arrays.copyOf(out.array(), out.position()));
    }

    @Test
    void writesTheRangedTypesAsTheirLowBits() {
        ByteBuffer out = ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN);
        PacketWriter.putUshort(out, 65535);
        PacketWriter.putUint(out, 4294967295L);
        PacketWriter.putBool(out, true);
        assertArrayEquals(hex("ffff ffffffff 01"), out.array());
    }

    @Test
    void opensAFrameWithItsHeaderAndClosesItIntoASlice() {
        SendBufferManager pool = SendBufferManager.shared();
        ByteBuffer out = PacketWriter.open(pool, 6, 0x0102);
        out.putShort((short) 0x0a0b);
        SendBuffer slice = PacketWriter.close(pool, out, 6);
        try {
            ByteBuffer bytes = slice.nioBuffer();
            byte[] frame = new byte[bytes.remaining()];
            bytes.get(frame);
            assertArrayEquals(hex("0600 0201 0b0a"), frame);
        } finally {
            assertTrue(slice.release());
        }
    }

    @Test
    void abortGivesTheReservationBackSoTheThreadCanWriteAgain() {
        SendBufferManager pool = new SendBufferManager(4096, 1, false);
        ByteBuffer out = PacketWriter.open(pool, 8, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PacketWriter.close(pool, out, 8));
        assertTrue(e.getMessage().contains("wrote 4 bytes of a 8-byte frame"), e.getMessage());
        PacketWriter.abort(pool);
        assertEquals(0, pool.outstandingSlices());
        SendBuffer next = PacketWriter.close(pool, PacketWriter.open(pool, 4, 2), 4);
        assertEquals(4, next.size());
        assertTrue(next.release());
        assertEquals(0, pool.outstandingSlices());
    }
}
