package io.servercore.pdl;

import static io.servercore.packet.PacketBytes.encode;
import static io.servercore.packet.PacketBytes.hex;
import static io.servercore.packet.PacketBytes.payloadOf;
import static io.servercore.packet.PacketBytes.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import io.servercore.packet.Packet;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every packet of docs/protocol.md section 3 against bytes written by hand from sections 1 and 2:
 * {@code [size u16 LE][id u16 LE]}, then the fields in PDL order, numbers little-endian,
 * floats IEEE 754, strings a u16 byte count and UTF-8, lists a u16 count and the elements.
 * Single-threaded.
 */
class ChatProtocolGoldenBytesTest {

    static Stream<Arguments> packets() {
        return Stream.of(
                golden(new C_EnterRoom("lobby", "kim"), C_EnterRoom::read,
                        "1000 0100"                  // size 16, id 1
                        + " 0500 6c6f626279"         // room: 5 bytes "lobby"
                        + " 0300 6b696d"),           // name: 3 bytes "kim"
                golden(new S_EnterRoom(258, "lobby", List.of(
                                new S_EnterRoom.Player(7, "lee", 1.0f, -2.5f, 0.0f),
                                new S_EnterRoom.Player(8, "안", 0.5f, 100.0f, -0.0f))), S_EnterRoom::read,
                        "3b00 0200"                  // size 59, id 2
                        + " 02010000"                // playerId 258 = 0x0102
                        + " 0500 6c6f626279"         // room "lobby"
                        + " 0200"                    // player: 2 elements
                        + " 07000000 0300 6c6565"    //   playerId 7, name "lee"
                        + " 0000803f 000020c0 00000000" // x 1.0 = 0x3f800000, y -2.5 = 0xc0200000, z 0.0
                        + " 08000000 0300 ec9588"    //   playerId 8, name "안" U+C548: 3 bytes
                        + " 0000003f 0000c842 00000080"), // x 0.5, y 100.0 = 0x42c80000, z -0.0 = 0x80000000
                golden(new S_BroadcastEnter(7, "lee", 1.5f, 0.0f, -1.0f), S_BroadcastEnter::read,
                        "1900 0300"                  // size 25, id 3
                        + " 07000000 0300 6c6565"    // playerId 7, name "lee"
                        + " 0000c03f 00000000 000080bf"), // 1.5 = 0x3fc00000, 0.0, -1.0 = 0xbf800000
                golden(new C_LeaveRoom(), C_LeaveRoom::read,
                        "0400 0400"),                // size 4: header only, id 4
                golden(new S_BroadcastLeave(7), S_BroadcastLeave::read,
                        "0800 0500 07000000"),       // size 8, id 5, playerId 7
                golden(new C_Chat("hello!!"), C_Chat::read,
                        "0d00 0600"                  // size 13, id 6
                        + " 0700 68656c6c6f2121"),   // chat: 7 bytes "hello!!"
                golden(new S_Chat(7, "안녕🙂"), S_Chat::read,
                        "1400 0700"                  // size 20, id 7
                        + " 07000000"                // playerId 7
                        + " 0a00 ec9588 eb8595 f09f9982"), // 10 bytes: U+C548, U+B155, U+1F642 (4 bytes)
                golden(new C_Move(1.0f, 2.0f, -0.5f), C_Move::read,
                        "1000 0800"                  // size 16, id 8
                        + " 0000803f 00000040 000000bf"), // 1.0, 2.0 = 0x40000000, -0.5 = 0xbf000000
                golden(new S_BroadcastMove(7, 1.0f, 2.0f, -0.5f), S_BroadcastMove::read,
                        "1400 0900 07000000"         // size 20, id 9, playerId 7
                        + " 0000803f 00000040 000000bf"),
                golden(new C_Ping(0x0102030405060708L), C_Ping::read,
                        "0c00 0a00 0807060504030201"), // size 12, id 10, time LE
                golden(new S_Pong(0x0102030405060708L), S_Pong::read,
                        "0c00 0b00 0807060504030201"), // size 12, id 11
                golden(new S_Error(4, "room full"), S_Error::read,
                        "1100 0c00"                  // size 17, id 12
                        + " 0400"                    // code 4 (ROOM_FULL), u16
                        + " 0900 726f6f6d2066756c6c")); // message: 9 bytes "room full"
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void encodesToTheBytesOfTheSpecAndParsesBackEqual(String name, Packet packet, Function<ByteBuffer, Packet> read,
            String expectedHex) {
        byte[] expected = hex(expectedHex);
        byte[] frame = encode(packet);
        assertEquals(toHex(expected), toHex(frame));
        assertEquals(expected.length, packet.encodedSize());
        ByteBuffer payload = payloadOf(frame);
        Packet parsed = read.apply(payload);
        assertEquals(packet, parsed);
        assertEquals(packet.hashCode(), parsed.hashCode());
        assertEquals(packet.id(), parsed.id());
        assertFalse(payload.hasRemaining(), "the payload is consumed");
    }

    @Test
    void coversEveryPacketOfTheProtocolFile() throws Exception {
        Set<String> inPdl = ProtocolFiles.parse(ProtocolFiles.CHAT).packets().stream()
                .map(PdlPacket::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> tested = packets().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inPdl, tested);
    }

    @Test
    void hasTheIdsOfTheSpec() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), List.of(C_EnterRoom.ID, S_EnterRoom.ID,
                S_BroadcastEnter.ID, C_LeaveRoom.ID, S_BroadcastLeave.ID, C_Chat.ID, S_Chat.ID, C_Move.ID,
                S_BroadcastMove.ID, C_Ping.ID, S_Pong.ID, S_Error.ID));
    }

    private static <P extends Packet> Arguments golden(P packet, Function<ByteBuffer, P> read, String hex) {
        Function<ByteBuffer, Packet> parser = read::apply;
        return Arguments.of(packet.getClass().getSimpleName(), packet, parser, hex);
    }
}
