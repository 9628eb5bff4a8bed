package io.servercore.benchmarks.micro;

import io.servercore.packet.PacketHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes a receive buffer holds after a read that brought many whole frames: the input of
 * the frame-cutting benchmark, identical for both cutters.
 */
final class WireFrames {
    /** The packet id written into every frame (S_Chat's, though the payload is not parsed). */
    static final int ID = 7;

    private WireFrames() {
    }

    /** {@code count} back-to-back frames of {@code payloadSize} payload bytes each. */
    static byte[] of(int count, int payloadSize) {
        int frameSize = PacketHeader.HEADER_LENGTH + payloadSize;
        ByteBuffer out = ByteBuffer.allocate(count * frameSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int start = i * frameSize;
            PacketHeader.write(out, start, frameSize, ID);
            for (int j = 0; j < payloadSize; j++) {
                out.put(start + PacketHeader.HEADER_LENGTH + j, (byte) (i + j));
            }
        }
        return out.array();
    }
}
