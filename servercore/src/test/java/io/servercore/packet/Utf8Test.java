package io.servercore.packet;

import static io.servercore.packet.PacketBytes.hex;
import static io.servercore.packet.PacketBytes.payload;
import static io.servercore.packet.PacketBytes.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UTF-8 codec against the JDK's: byte for byte like {@code String.getBytes} when encoding,
 * and accepting exactly what the JDK's reporting decoder accepts when decoding.
 * Random inputs print their seed on failure. Single-threaded, like every test here.
 */
class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "hello", "é", "ß€", "안녕하세요", "🙂", "a🙂b𝄞c", "\u0000", "\u007f\u0080\u07ff\u0800\uffff"})
    void encodesAsStringGetBytesDoes(String s) {
        assertEncodesLikeTheJdk(s);
    }

    @Test
    void encodesAnUnpairedSurrogateAsQuestionMarkLikeStringGetBytes() {
        // A lone high, a lone low, a reversed pair, a high at the very end.
        for (String s : new String[] {"a\ud83db", "a\ude42b", "\ude42\ud83d", "end\ud83d", "\udc00"}) {
            assertEncodesLikeTheJdk(s);
        }
        assertArrayEquals("a?b".getBytes(StandardCharsets.US_ASCII), encode("a\ud83db"));
    }

    @Test
    void encodesRandomStringsLikeTheJdk() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int n = 0; n < 20_000; n++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                // Mostly around the 1/2/3-byte and surrogate boundaries.
                chars[i] = switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x100);
                    case 1 -> (char) (0x700 + random.nextInt(0x200));
                    case 2 -> (char) (0xD700 + random.nextInt(0x900));
                    default -> (char) random.nextInt(0x10000);
                };
            }
            String s = new String(chars);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), encode(s), "seed=" + seed + " s=" + escape(s));
        }
    }

    @Test
    void decodesEveryCodePointBack() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                all.appendCodePoint(cp);
            }
        }
        String s = all.toString();
        byte[] bytes = encode(s);
        assertEquals(s, Utf8.decode(payload(bytes), bytes.length, "f"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
        "overlong 2-byte NUL;              c080;      overlong encoding of U+0000",
        "overlong 2-byte 0x7F;             c1bf;      overlong encoding of U+007F",
        "overlong 3-byte;                  e09fbf;    overlong encoding of U+07FF",
        "overlong 4-byte;                  f08fbfbf;  overlong encoding of U+FFFF",
        "lone continuation byte;           61 80 62;  continuation byte 0x80 without a lead byte",
        "continuation after a complete char; c3a9 bf; continuation byte 0xBF without a lead byte",
        "high surrogate as UTF-8;          eda080;    surrogate code point U+D800",
        "low surrogate as UTF-8;           edbfbf;    surrogate code point U+DFFF",
        "above U+10FFFF;                   f4908080;  code point U+110000 above U+10FFFF",
        "F5 lead byte;                     f5808080;  code point U+140000 above U+10FFFF",
        "F8 byte;                          f8808080;  invalid byte 0xF8",
        "FF byte;                          ff;        invalid byte 0xFF",
        "2-byte truncated;                 61 c3;     sequence truncated by the end of the string",
        "3-byte truncated;                 e282;      sequence truncated by the end of the string",
        "4-byte truncated;                 f09f99;    sequence truncated by the end of the string",
        "lead byte then ASCII;             c341;      lead byte 0xC3 followed by 0x41",
    })
    void rejectsInvalidUtf8(String what, String bytesHex, String reason) {
        byte[] bytes = hex(bytesHex);
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Utf8.decode(payload(bytes), bytes.length, "C_Chat.chat"));
        assertTrue(e.getMessage().startsWith("malformed C_Chat.chat: invalid UTF-8 at byte "), e.getMessage());
        assertTrue(e.getMessage().endsWith(reason), e.getMessage());
        assertEquals(0, e.getStackTrace().length, "peers raise it; no stack trace");
    }

    @Test
    void acceptsExactlyWhatTheJdksStrictDecoderAccepts() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        byte[] edges = hex("00 7f 80 bf c0 c1 c2 df e0 ed ef f0 f4 f5 ff 9f a0 8f 90");
        for (int n = 0; n < 100_000; n++) {
            byte[] bytes = new byte[random.nextInt(8)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextBoolean() ? edges[random.nextInt(edges.length)] : (byte) random.nextInt();
            }
            String expected = jdkStrictDecode(bytes);
            String what = "seed=" + seed + " bytes=" + toHex(bytes);
            try {
                String actual = Utf8.decode(payload(bytes), bytes.length, "f");
                assertEquals(expected, actual, what);
            } catch (MalformedPacketException e) {
                if (expected != null) {
                    fail(what + ": rejected valid UTF-8 that the JDK decodes to " + escape(expected) + ": " + e.getMessage());
                }
            }
        }
    }

    @Test
    void decodesFromADirectBufferAndMovesThePositionPastTheString() {
        byte[] bytes = hex("ff ec9588 eb8595 f09f9982 ff");
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(bytes).position(1);
        assertEquals("안녕🙂", Utf8.decode(direct, 10, "f"));
        assertEquals(11, direct.position());
    }

    private static void assertEncodesLikeTheJdk(String s) {
        byte[] expected = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected.length, Utf8.length(s), escape(s));
        assertArrayEquals(expected, encode(s), escape(s));
    }

    private static byte[] encode(String s) {
        ByteBuffer out = ByteBuffer.allocate(Utf8.length(s));
        Utf8.encode(s, out);
        assertEquals(out.capacity(), out.position(), "length() and encode() agree");
        return out.array();
    }

    /** What the JDK's decoder makes of {@code bytes} when told to report errors, or null if it rejects them. */
    private static String jdkStrictDecode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c < 0x80 && c >= 0x20 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.toString();
    }
}
