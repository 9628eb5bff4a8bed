package io.servercore.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.servercore.course.packet.C2S_LeaveGame;
import io.servercore.course.packet.C2S_Move;
import io.servercore.course.packet.S2C_BroadcastEnterGame;
import io.servercore.course.packet.S2C_BroadcastLeaveGame;
import io.servercore.course.packet.S2C_BroadcastMove;
import io.servercore.course.packet.S2C_PlayerList;
import io.servercore.packet.Packet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classes generated from the course's own {@code PDL.xml}, committed as the course has it,
 * write the bytes the course's generated C# writes. The expected bytes are worked out by hand
 * from the course's {@code PacketFormat.cs} and {@code Program.cs}, not from our output:
 *
 * <ul>
 * <li>ids: {@code Program.ParsePacket} numbers packets {@code ++packetId} in file order, so
 *     S2C_BroadcastEnterGame 1, C2S_LeaveGame 2, S2C_BroadcastLeaveGame 3, S2C_PlayerList 4,
 *     C2S_Move 5, S2C_BroadcastMove 6;
 * <li>{@code packetFormat.Write}: {@code count} starts at 2, leaving room for the size; the id is
 *     {@code BitConverter.GetBytes((ushort)PacketID.X)} at offset 2; the fields follow; finally
 *     {@code BitConverter.GetBytes(count)} goes to offset 0, so the size counts the header;
 * <li>{@code writeFormat}: {@code BitConverter.GetBytes(this.x)}, {@code sizeof(type)} bytes in
 *     the machine's order, little-endian on x86: an int low byte first, a float its IEEE 754
 *     binary32 bits low byte first, a bool one byte 1 or 0;
 * <li>{@code writeListFormat}: {@code (ushort)this.players.Count}, then each element's
 *     {@code Write}, its fields in PDL order.
 * </ul>
 *
 * The float bits by hand: 1.5 = 1.1b x 2^0, exponent 127: 0x3FC00000; -2.0 = -1.0 x 2^1:
 * 0xC0000000; 0.25 = 1.0 x 2^-2, exponent 125: 0x3E800000; -0.5: 0xBF000000; 100.0 =
 * 1.5625 x 2^6, exponent 133, fraction .1001b: 0x42C80000; 3.0 = 1.5 x 2^1: 0x40400000; 10.0 =
 * 1.25 x 2^3: 0x41200000; -50.0 = -1.5625 x 2^5: 0xC2480000; 0.1 = 1.6 x 2^-4, fraction
 * .100110011... rounded up: 0x3DCCCCCD; -0.0: 0x80000000; the smallest subnormal: 0x00000001.
 * Single-threaded.
 */
class CoursePdlGoldenBytesTest {
    /** The git blob id of Server/PacketGenerator/PDL.xml in paare/rookiss_part4_server at 4c5ac73. */
    private static final String COURSE_PDL_BLOB = "769590800f1cca06966b465a2d00a44a4830e97e";

    static Stream<Arguments> packets() {
        return Stream.of(
                golden(new S2C_BroadcastEnterGame(258, 1.5f, -2.0f, 0.25f), S2C_BroadcastEnterGame::read,
                        "1400 0100"                  // size 20, PacketID 1
                        + " 02010000"                // playerId 258 = 0x00000102
                        + " 0000c03f 000000c0 0000803e"), // 1.5, -2.0, 0.25
                golden(new C2S_LeaveGame(), C2S_LeaveGame::read,
                        "0400 0200"),                // size 4: the header alone, PacketID 2
                golden(new S2C_BroadcastLeaveGame(7), S2C_BroadcastLeaveGame::read,
                        "0800 0300 07000000"),       // size 8, PacketID 3, playerId 7
                golden(new S2C_PlayerList(List.of(new S2C_PlayerList.Player(true, 1, 0f, 0f, 0f),
                                new S2C_PlayerList.Player(false, 2, -0.5f, 100.0f, 3.0f))), S2C_PlayerList::read,
                        "2800 0400"                  // size 40 = 4 + 2 + 2 x 17, PacketID 4
                        + " 0200"                    // (ushort)players.Count
                        + " 01 01000000 00000000 00000000 00000000"  // isSelf true, playerId 1, 0, 0, 0
                        + " 00 02000000 000000bf 0000c842 00004040"), // false, 2, -0.5, 100.0, 3.0
                golden(new C2S_Move(10f, 0f, -50f), C2S_Move::read,
                        "1000 0500"                  // size 16, PacketID 5
                        + " 00002041 00000000 000048c2"), // 10.0, 0.0, -50.0 (the DummyClient's range)
                golden(new S2C_BroadcastMove(0x01020304, 0.1f, -0.0f, Float.MIN_VALUE), S2C_BroadcastMove::read,
                        "1400 0600"                  // size 20, PacketID 6
                        + " 04030201"                // playerId 0x01020304
                        + " cdcccc3d 00000080 01000000")); // 0.1, -0.0, the smallest subnormal
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void writesTheBytesOfTheCoursesGeneratedCSharpAndReadsThemBack(String name, Packet packet,
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
    void theIdsAreTheCoursesPacketIdEnum() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6), List.of(S2C_BroadcastEnterGame.ID, C2S_LeaveGame.ID,
                S2C_BroadcastLeaveGame.ID, S2C_PlayerList.ID, C2S_Move.ID, S2C_BroadcastMove.ID));
    }

    @Test
    void thePdlIsTheCoursesFileByteForByte() throws Exception {
        byte[] content = Files.readAllBytes(Path.of("src/main/pdl/PDL.xml"));
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        assertEquals(COURSE_PDL_BLOB, HexFormat.of().formatHex(sha1.digest(content)),
                "PDL.xml must stay the course's file: its byte order mark, CRLFs or not, and all");
    }

    private static <P extends Packet> Arguments golden(P packet, Function<ByteBuffer, P> read, String hex) {
        Function<ByteBuffer, Packet> parser = read::apply;
        return Arguments.of(packet.getClass().getSimpleName(), packet, parser, hex);
    }
}
