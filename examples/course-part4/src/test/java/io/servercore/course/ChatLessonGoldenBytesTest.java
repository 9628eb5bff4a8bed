package io.servercore.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.servercore.course.chatlesson.C_Chat;
import io.servercore.course.chatlesson.S_Chat;
import io.servercore.packet.Packet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strings as the course's chat lesson puts them on the wire, through the classes generated from
 * {@code src/test/pdl/ChatLesson.xml} ({@code strings="UTF-16LE"}). The expected bytes are
 * worked out by hand from the course's {@code PacketFormat.writeStringFormat}:
 * {@code Encoding.Unicode.GetBytes} writes the string's UTF-16 code units low byte first two
 * bytes after {@code count}, its return value (the byte count) goes as a ushort at
 * {@code count}, and {@code count} moves past both. Code units: U+C548 '안' is 48 C5, U+B155 '녕'
 * is 55 B1, and U+1F642 is the surrogate pair D83D DE42 (0x1F642 - 0x10000 = 0xF642; high
 * 0xD800 + (0xF642 >> 10) = 0xD83D, low 0xDC00 + (0xF642 &amp; 0x3FF) = 0xDE42), written
 * 3D D8 42 DE. Ids by file order: C_Chat 1, S_Chat 2. Single-threaded.
 */
class ChatLessonGoldenBytesTest {

    static Stream<Arguments> packets() {
        return Stream.of(
                golden("C_Chat, ASCII", new C_Chat("hi"), C_Chat::read,
                        "0a00 0100"                  // size 10, PacketID 1
                        + " 0400 6800 6900"),        // 4 bytes: 'h', 'i'
                golden("C_Chat, empty", new C_Chat(""), C_Chat::read,
                        "0600 0100 0000"),           // size 6, a byte count of 0
                golden("S_Chat, Hangul and an emoji", new S_Chat(7, "안녕🙂"), S_Chat::read,
                        "1200 0200"                  // size 18, PacketID 2
                        + " 07000000"                // playerId 7
                        + " 0800 48c5 55b1 3dd8 42de")); // 8 bytes: U+C548, U+B155, U+D83D U+DE42
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void writesStringsAsTheCoursesEncodingUnicodeDoesAndReadsThemBack(String name, Packet packet,
            Function<ByteBuffer, Packet> read, String expectedHex) {
        byte[] expected = HexFormat.of().parseHex(expectedHex.replace(" ", ""));
        byte[] frame = CourseClient.encode(packet);
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(frame));
        assertEquals(expected.length, packet.encodedSize());
        ByteBuffer payload = ByteBuffer.wrap(frame, 4, frame.length - 4).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(packet, read.apply(payload));
        assertFalse(payload.hasRemaining(), "the payload is consumed");
    }

    @Test
    void theIdsFollowTheFileOrder() {
        assertEquals(List.of(1, 2), List.of(C_Chat.ID, S_Chat.ID));
    }

    private static <P extends Packet> Arguments golden(String name, P packet, Function<ByteBuffer, P> read,
            String hex) {
        Function<ByteBuffer, Packet> parser = read::apply;
        return Arguments.of(name, packet, parser, hex);
    }
}
