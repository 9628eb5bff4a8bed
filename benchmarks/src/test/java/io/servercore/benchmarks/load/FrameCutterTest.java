package io.servercore.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cutting frames where they lie, on bytes written out by hand from docs/protocol.md section 1:
 * little-endian size (header included) and id, then the payload. Every frame whole in the bytes
 * is handed over with its offset, size and id; the start of one not yet whole is left; a size
 * under the header's is named with the frame's offset.
 */
class FrameCutterTest {
    /** An S_Chat from player 258 saying "abc": 4 + 4 + 2 + 3 = 13 bytes. */
    private static final int[] S_CHAT = {
        0x0D, 0x00, // size 13
        0x07, 0x00, // id 7, S_Chat
        0x02, 0x01, 0x00, 0x00, // playerId 258 = 0x0102
        0x03, 0x00, // chat: 3 bytes
        0x61, 0x62, 0x63 // "abc"
    };
    /** An S_Pong of time 1: 4 + 8 = 12 bytes. */
    private static final int[] S_PONG = {
        0x0C, 0x00, // size 12
        0x0B, 0x00, // id 11, S_Pong
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 // time 1
    };

    private record Cut(int offset, int size, int id) {
    }

    private final List<Cut> cuts = new ArrayList<>();
    private final FrameCutter.Sink sink = (frames, offset, size, id) -> cuts.add(new Cut(offset, size, id));

    private static ByteBuffer bytes(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] p : parts) {
            for (int v : p) {
                b.put((byte) v);
            }
        }
        return b;
    }

    @Test
    void wholeFramesAreHandedOverInPlaceAndAHalfFrameIsLeft() {
        int[] halfPong = {0x0C, 0x00, 0x0B}; // 3 bytes: not even a whole header
        ByteBuffer in = bytes(S_CHAT, S_PONG, halfPong);

        int rest = FrameCutter.cut(in, 0, 28, sink);

        assertEquals(List.of(new Cut(0, 13, 7), new Cut(13, 12, 11)), cuts);
        assertEquals(25, rest, "the half frame starts after 13 + 12 bytes");
        assertEquals(258, in.getInt(0 + Wire.CHAT_PLAYER_ID_OFFSET));
        assertEquals(3, Wire.u16(in, 0 + Wire.CHAT_LENGTH_OFFSET));
        assertEquals('a', in.get(0 + Wire.CHAT_TEXT_OFFSET));
        assertEquals(1L, in.getLong(13 + Wire.PONG_TIME_OFFSET));
    }

    @Test
    void aFrameWhoseHeaderIsWholeButNotItsPayloadWaits() {
        ByteBuffer in = bytes(S_PONG, S_CHAT);

        int rest = FrameCutter.cut(in, 0, 12 + 9, sink); // the chat's first 9 of 13 bytes

        assertEquals(List.of(new Cut(0, 12, 11)), cuts);
        assertEquals(12, rest);
    }

    @Test
    void cuttingStartsWhereAsked() {
        ByteBuffer in = bytes(S_PONG, S_CHAT);

        assertEquals(25, FrameCutter.cut(in, 12, 25, sink));
        assertEquals(List.of(new Cut(12, 13, 7)), cuts);
    }

    @Test
    void aSizeUnderTheHeaderIsMalformedAndNamesItsOffset() {
        int[] tooSmall = {0x02, 0x00, 0x07, 0x00}; // size 2 < 4
        ByteBuffer in = bytes(S_PONG, tooSmall);

        int rest = FrameCutter.cut(in, 0, 16, sink);

        assertEquals(List.of(new Cut(0, 12, 11)), cuts, "the frame before it still counts");
        assertEquals(12, FrameCutter.malformedAt(rest));
    }

    @Test
    void theLargestFrameSizeIsReadUnsigned() {
        ByteBuffer in = bytes(new int[] {0xFF, 0xFF, 0x02, 0x00});

        assertEquals(0, FrameCutter.cut(in, 0, 4, sink), "65535 bytes announced, 4 here: wait");
        assertEquals(List.of(), cuts);
    }
}
