package io.servercore.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * Cuts whole frames out of bytes read, in place: the sink gets the buffer and the frame's
 * offset and reads its fields from there, so nothing is copied or allocated per frame. Bytes
 * of a frame not yet whole are left for the caller to keep until the next read.
 *
 * <p>Stateless and thread-safe; the sink runs on the caller's thread.
 */
final class FrameCutter {
    /** What receives the frames. */
    interface Sink {
        /** One whole frame: {@code size} bytes from {@code offset} in {@code frames}, header included. */
        void onFrame(ByteBuffer frames, int offset, int size, int id);
    }

    private FrameCutter() {
    }

    /**
     * Hands every whole frame in {@code [from, to)} of {@code in} to {@code sink}, in order.
     *
     * @return the offset where the bytes of an incomplete frame start ({@code to} when there are
     *     none), or, when a frame's size is below {@link Wire#HEADER_LENGTH}, {@code -1 - offset}
     *     of that frame (see {@link #malformedAt}); the frames before it were handed over
     */
    static int cut(ByteBuffer in, int from, int to, Sink sink) {
        int p = from;
        while (to - p >= Wire.HEADER_LENGTH) {
            int size = Wire.u16(in, p + Wire.SIZE_OFFSET);
            if (size < Wire.HEADER_LENGTH) {
                return -1 - p;
            }
            if (to - p < size) {
                break;
            }
            sink.onFrame(in, p, size, Wire.u16(in, p + Wire.ID_OFFSET));
            p += size;
        }
        return p;
    }

    /** The offset of the malformed frame a negative result of {@link #cut} names. */
    static int malformedAt(int result) {
        return -1 - result;
    }
}
