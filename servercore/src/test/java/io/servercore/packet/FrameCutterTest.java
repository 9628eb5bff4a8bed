package io.servercore.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.servercore.testing.Frames;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCutterTest {
    private final FrameCutter cutter = new FrameCutter(4096);

    /** Cuts every complete frame in {@code bytes}; returns their sizes. */
    private List<Integer> cutAll(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        List<Integer> sizes = new ArrayList<>();
        int pos = 0;
        int size;
        while ((size = cutter.frameAt(buf, pos, bytes.length - pos)) != 0) {
            sizes.add(size);
            pos += size;
        }
        return sizes;
    }

    @Test
    void aFrameIsReportedOnlyWhenItsLastByteArrived() {
        byte[] frame = Frames.frame(7, new byte[] {1, 2, 3});
        ByteBuffer buf = ByteBuffer.wrap(frame);
        for (int available = 0; available < frame.length; available++) {
            assertEquals(0, cutter.frameAt(buf, 0, available), "available=" + available);
        }
        assertEquals(7, cutter.frameAt(buf, 0, frame.length));
        assertEquals(7, PacketHeader.id(buf, 0));
    }

    @Test
    void aThousandSmallFramesInOneBufferAreAllCut() {
        byte[][] frames = new byte[1000][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Frames.frame(i, Frames.pattern(i, i % 9));
        }
        List<Integer> sizes = cutAll(Frames.concat(frames));
        assertEquals(1000, sizes.size());
        for (int i = 0; i < frames.length; i++) {
            assertEquals(frames[i].length, sizes.get(i));
        }
    }

    @Test
    void aFrameOfExactlyTheLimitIsAccepted() {
        byte[] frame = Frames.frame(1, new byte[4096 - 4]);
        assertEquals(4096, cutter.frameAt(ByteBuffer.wrap(frame), 0, frame.length));
    }

    @Test
    void aFrameOneByteOverTheLimitIsTooLongBeforeItsPayloadArrives() {
        byte[] header = Frames.header(4097, 1, new byte[0]);
        TooLongFrameException e = assertThrows(TooLongFrameException.class,
                () -> cutter.frameAt(ByteBuffer.wrap(header), 0, header.length));
        assertEquals("frame too long: size=4097, min=4, max=4096", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aSizeBelowTheHeaderIsCorrupt(int size) {
        // Size 0 is the frame the course's C# version loops forever on.
        byte[] header = Frames.header(size, 1, new byte[0]);
        CorruptFrameException e = assertThrows(CorruptFrameException.class,
                () -> cutter.frameAt(ByteBuffer.wrap(header), 0, header.length));
        assertEquals("invalid frame: size=" + size + ", min=4, max=4096", e.getMessage());
        // Two bytes already tell: the cutter does not wait for the id.
        assertThrows(CorruptFrameException.class, () -> cutter.frameAt(ByteBuffer.wrap(header), 0, 2));
    }

    @Test
    void sizeIsReadLittleEndianWhateverTheBufferOrder() {
        byte[] frame = Frames.frame(0x0102, new byte[0x0100 - 4]);
        ByteBuffer bigEndian = ByteBuffer.wrap(frame);
        assertEquals(0x0100, cutter.frameAt(bigEndian, 0, frame.length));
        assertEquals(0x0102, PacketHeader.id(bigEndian, 0));
    }

    @Test
    void anInboundLimitOutsideTheProtocolIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrameCutter(65536));
        assertEquals("maxFrameSize=65536, min=4, max=65535", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FrameCutter(3));
    }
}
