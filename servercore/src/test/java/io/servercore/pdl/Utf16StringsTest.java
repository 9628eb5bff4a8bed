package io.servercore.pdl;

import static io.servercore.packet.PacketBytes.hex;
import static io.servercore.packet.PacketBytes.payload;
import static io.servercore.packet.PacketBytes.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.servercore.packet.MalformedPacketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Strings as the course's generator writes them, {@code Encoding.Unicode}: a u16 byte count,
 * then each UTF-16 code unit low byte first. The expected bytes are worked out by hand from the
 * code points (U+C548 '안', U+B155 '녕'; U+1F642 is the pair D83D DE42, since 0x1F642 - 0x10000
 * = 0xF642, high = 0xD800 + (0xF642 >> 10), low = 0xDC00 + (0xF642 &amp; 0x3FF)), and for an
 * unpaired surrogate written from what .NET's replacement fallback gives: U+FFFD. Bytes no .NET
 * peer writes (an odd count, an unpaired surrogate) are malformed. Single-threaded.
 */
class Utf16StringsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "empty;                 '';                          0000",
        "ASCII 'hi';            hi;                          0400 6800 6900",
        "Hangul U+C548 U+B155;  \uC548\uB155;                0400 48c5 55b1",
        "U+1F642, a pair;       \uD83D\uDE42;                0400 3dd8 42de",
        "U+FFFF, the last BMP;  \uFFFF;                      0200 ffff",
    })
    void writesAByteCountAndTheCodeUnitsLowByteFirstAndReadsThemBack(String what, String text, String expected) {
        assertEquals(expected.replace(" ", ""), toHex(write(text)));
        ByteBuffer in = payload(hex(expected + " 7f"));
        assertEquals(text, Utf16Strings.readString(in, "S_Chat.chat"));
        assertEquals(1, in.remaining(), "the position ends right after the string");
    }

    @Test
    void writesAnUnpairedSurrogateAsTheReplacementCharacterAsDotNetDoes() {
        // 'a', a high surrogate followed by 'b' instead of a low one, 'b', a low surrogate alone.
        assertEquals("0800" + "6100" + "fdff" + "6200" + "fdff", toHex(write("a\uD83Db\uDE42")));
        assertEquals("0200" + "fdff", toHex(write("\uD83D")), "a high surrogate at the end");
    }

    @Test
    void bytesNoDotNetPeerWritesAreMalformed() {
        assertMalformed("0300 4100 42", "malformed S_Chat.chat: UTF-16 string length=3 is odd");
        assertMalformed("0400 3dd8 6200", "malformed S_Chat.chat: unpaired surrogate U+D83D at char 0");
        assertMalformed("0200 3dd8", "malformed S_Chat.chat: unpaired surrogate U+D83D at char 0");
        assertMalformed("0400 6100 42de", "malformed S_Chat.chat: unpaired surrogate U+DE42 at char 1");
    }

    @Test
    void rejectsACountThatRunsPastThePayloadInTheWordsOfAUtf8String() {
        assertMalformed("05", "malformed S_Chat.chat: string length needs 2 bytes, remaining=1");
        assertMalformed("", "malformed S_Chat.chat: string length needs 2 bytes, remaining=0");
        assertMalformed("0400 6800", "malformed S_Chat.chat: string length=4 exceeds remaining=2");
        assertMalformed("ffff 00", "malformed S_Chat.chat: string length=65535 exceeds remaining=1");
    }

    @Test
    void refusesToEncodeWhatNoFrameCanCarry() {
        // A 4-byte header, the 2-byte count, two bytes a char: 32,764 chars fill a frame to 65,534 bytes.
        assertEquals(65_534, Utf16Strings.addString(4, "x".repeat(32_764), "S_Chat.chat"));
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> Utf16Strings.addString(4, "x".repeat(32_765), "S_Chat.chat"));
        assertEquals("S_Chat.chat: at least 65536 bytes, exceeds the frame limit of 65535", tooBig.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> Utf16Strings.addString(0, "x".repeat(Utf16Strings.MAX_CHARS + 1), "S_Chat.chat"));
        assertEquals("S_Chat.chat: string of 65536 UTF-16 bytes exceeds max=65535", tooLong.getMessage());
        NullPointerException missing = assertThrows(NullPointerException.class,
                () -> Utf16Strings.addString(4, null, "S_Chat.chat"));
        assertEquals("S_Chat.chat is null", missing.getMessage());
    }

    @Test
    void anyBytesReadAsAStringThatWritesBackTheSameBytesOrAreMalformed() {
        long seed = Long.getLong("pdl.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 100_000; round++) {
            byte[] bytes = new byte[random.nextInt(24)];
            random.nextBytes(bytes);
            if (bytes.length >= 2 && random.nextBoolean()) {
                // A count that fits more often than not, and surrogates now and then.
                bytes[0] = (byte) random.nextInt(bytes.length - 1);
                bytes[1] = 0;
                for (int i = 3; i < bytes.length; i += 2) {
                    if (random.nextInt(4) == 0) {
                        bytes[i] = (byte) (0xD8 + random.nextInt(8));
                    }
                }
            }
            String where = "seed=" + seed + " round=" + round + " bytes=" + toHex(bytes);
            ByteBuffer in = payload(bytes);
            String text;
            try {
                text = Utf16Strings.readString(in, "S_Chat.chat");
            } catch (MalformedPacketException e) {
                continue;
            }
            int count = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8;
            assertEquals(2 + count, in.position(), where);
            assertEquals(count / 2, text.length(), "a char per code unit: " + where);
            assertEquals(toHex(Arrays.copyOf(bytes, 2 + count)), toHex(write(text)), "what reads writes back: " + where);
        }
    }

    private static byte[] write(String text) {
        ByteBuffer out = ByteBuffer.allocate(2 + Utf16Strings.length(text)).order(ByteOrder.LITTLE_ENDIAN);
        Utf16Strings.putString(out, text);
        assertEquals(out.capacity(), out.position(), "writes exactly what length() says");
        return out.array();
    }

    private static String read(String hex) {
        ByteBuffer in = payload(hex(hex));
        String text = Utf16Strings.readString(in, "S_Chat.chat");
        assertEquals(0, in.remaining());
        return text;
    }

    private static void assertMalformed(String hex, String message) {
        ByteBuffer in = payload(hex(hex));
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Utf16Strings.readString(in, "S_Chat.chat"));
        assertEquals(message, e.getMessage());
    }
}
