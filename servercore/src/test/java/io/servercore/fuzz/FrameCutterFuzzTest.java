package io.servercore.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.servercore.buffer.RecvBuffer;
import io.servercore.packet.FrameCutter;
import io.servercore.packet.InvalidFrameException;
import io.servercore.testing.Frames;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the frame cutter the way a session drives it: bytes arrive in reads of arbitrary
 * sizes into a {@link RecvBuffer}, whole frames are cut and consumed, the buffer is cleaned
 * before each read. What the cutter must do is worked out from the bytes on their own
 * ({@link Stream}), not through the code under test: it cuts exactly the frames the size fields
 * describe, each as soon as its last byte arrived, and rejects the stream with an
 * {@link InvalidFrameException} exactly when a size field out of range has arrived. Valid frames
 * from an independent encoder ({@link Frames}) are all accepted.
 *
 * <p>The normal test run replays the committed corpus in
 * {@code src/test/resources/io/servercore/fuzz/FrameCutterFuzzTestInputs}; see the README for
 * fuzzing longer with {@code JAZZER_FUZZ=1}.
 */
class FrameCutterFuzzTest {
    private static final int LIMIT = 512;

    @FuzzTest(maxDuration = "30s")
    void cuttingArbitraryBytesInArbitraryReadsOnlyEverRejectsTheFrame(byte[] input) {
        Stream expected = Stream.of(input);
        int readSize = input.length == 0 ? 1 : (input[0] & 0x3F) + 1; // the first byte picks the read size
        Cut cut = new Cut(input, readSize);
        try {
            while (cut.received < input.length) {
                cut.readAndCut();
                assertEquals(expected.framesEndingBy(cut.received), cut.frames.size(),
                        "frames cut once " + cut.received + " bytes had arrived; expected " + expected);
                assertTrue(!expected.rejectedBy(cut.received),
                        "a size field out of range had arrived at offset " + expected.badAt + " and was not rejected");
            }
        } catch (InvalidFrameException rejected) {
            assertTrue(expected.rejectedBy(cut.received), "rejected a stream whose size fields are all in range so far ("
                    + cut.received + " bytes): " + rejected.getMessage() + "; expected " + expected);
            assertEquals(expected.badAt, cut.consumed, "rejected at another frame than the one whose size is bad");
            assertEquals(expected.frames.size(), cut.frames.size(), "the frames before the bad one were all cut");
        }
        for (int i = 0; i < cut.frames.size(); i++) {
            assertEquals(expected.frames.get(i), cut.frames.get(i), "frame " + i + " (offset, size)");
        }
    }

    /**
     * Frames of every size from the header alone to the limit, written by an encoder of the test's
     * own, arrive in arbitrary reads: every one is accepted and cut at its header's size, byte for
     * byte. The input picks the read size and the payload lengths.
     */
    @FuzzTest(maxDuration = "30s")
    void validFramesFromAnIndependentEncoderAreAllCutAtTheirSize(byte[] input) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(Frames.frame(1, new byte[0]));
        frames.add(Frames.frame(2, Frames.pattern(2, LIMIT - 4)));
        for (int i = 1; i + 1 < input.length; i += 2) {
            int length = ((input[i] & 0xFF) | (input[i + 1] & 0xFF) << 8) % (LIMIT - 3);
            frames.add(Frames.frame(frames.size(), Frames.pattern(i, length)));
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            stream.writeBytes(frame);
        }
        byte[] bytes = stream.toByteArray();
        Cut cut = new Cut(bytes, input.length == 0 ? 1 : (input[0] & 0x3F) + 1);
        try {
            while (cut.received < bytes.length) {
                cut.readAndCut();
            }
        } catch (InvalidFrameException e) {
            fail("a valid frame was rejected after " + cut.frames.size() + " frames: " + e.getMessage());
        }
        assertEquals(frames.size(), cut.frames.size(), "frames cut");
        int offset = 0;
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(new Frame(offset, frames.get(i).length), cut.frames.get(i), "frame " + i);
            assertArrayEquals(frames.get(i), cut.bytes.get(i), "the bytes of frame " + i);
            offset += frames.get(i).length;
        }
    }

    /** A frame's place in the stream. */
    record Frame(int offset, int size) {
    }

    /**
     * What a correct cutter makes of a byte stream, read straight off the bytes: the frames whose
     * last byte is in the stream, in order, and the offset of the first frame whose little-endian
     * u16 size is below 4 or above {@link #LIMIT} (-1 if none).
     */
    record Stream(List<Frame> frames, int badAt) {
        static Stream of(byte[] bytes) {
            List<Frame> frames = new ArrayList<>();
            int at = 0;
            while (at + 2 <= bytes.length) {
                int size = (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
                if (size < 4 || size > LIMIT) {
                    return new Stream(frames, at);
                }
                if (at + size > bytes.length) {
                    break;
                }
                frames.add(new Frame(at, size));
                at += size;
            }
            return new Stream(frames, -1);
        }

        /** Frames whose last byte is among the first {@code received}. */
        int framesEndingBy(int received) {
            return (int) frames.stream().filter(f -> f.offset + f.size <= received).count();
        }

        /** Whether the bad size field has wholly arrived among the first {@code received} bytes. */
        boolean rejectedBy(int received) {
            return badAt >= 0 && received >= badAt + 2;
        }
    }

    /** Drives a cutter over a buffer as a session does; records the frames cut. */
    static final class Cut {
        final FrameCutter cutter = new FrameCutter(LIMIT);
        final RecvBuffer buffer = new RecvBuffer(2 * LIMIT);
        final byte[] input;
        final int readSize;
        final List<Frame> frames = new ArrayList<>();
        final List<byte[]> bytes = new ArrayList<>();
        /** Bytes read into the buffer so far. */
        int received;
        /** Bytes cut into frames so far: the stream offset of the next frame. */
        int consumed;

        Cut(byte[] input, int readSize) {
            this.input = input;
            this.readSize = readSize;
        }

        /** One read of up to {@code readSize} bytes, then every whole frame cut. */
        void readAndCut() {
            buffer.clean();
            ByteBuffer free = buffer.writeSegment();
            int n = Math.min(Math.min(readSize, free.remaining()), input.length - received);
            assertTrue(n > 0, "a session would be stuck: no room for the next read");
            free.put(input, received, n);
            buffer.onWrite(n);
            received += n;

            ByteBuffer data = buffer.readSegment();
            int pos = data.position();
            int end = data.limit();
            int size;
            try {
                while ((size = cutter.frameAt(data, pos, end - pos)) != 0) {
                    assertTrue(pos + size <= end, "frame beyond the received bytes");
                    frames.add(new Frame(consumed, size));
                    byte[] frame = new byte[size];
                    data.get(pos, frame);
                    bytes.add(frame);
                    assertArrayEquals(Arrays.copyOfRange(input, consumed, consumed + size), frame,
                            "the bytes of the frame at " + consumed);
                    consumed += size;
                    pos += size;
                }
            } finally {
                buffer.onRead(pos - data.position());
            }
        }
    }
}
