package io.servercore.packet;

import java.nio.ByteBuffer;

/**
 * Finds frame boundaries in received bytes (layout in {@link PacketHeader}).
 *
 * <p>The header is checked before anything is done with it: a size below the header or above
 * the inbound limit throws at once, even when the rest of the frame has not arrived, so no
 * peer can make the receiver wait for (or buffer) bytes it will never accept. A frame is
 * reported only when all of it is there.
 *
 * <p>Stateless and immutable: one instance may serve every session on every thread.
 */
public final class FrameCutter {
    private final int maxFrameSize;

    /** @param maxFrameSize the inbound limit in bytes, header included: 4 to 65,535 */
    public FrameCutter(int maxFrameSize) {
        if (maxFrameSize < PacketHeader.HEADER_LENGTH || maxFrameSize > PacketHeader.MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize=" + maxFrameSize + ", min="
                    + PacketHeader.HEADER_LENGTH + ", max=" + PacketHeader.MAX_FRAME_SIZE);
        }
        this.maxFrameSize = maxFrameSize;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * The size of the frame that starts at absolute {@code index}, or 0 when fewer than a
     * whole frame's bytes are {@code available} there.
     *
     * @throws CorruptFrameException if the frame's size is below {@link PacketHeader#HEADER_LENGTH}
     * @throws TooLongFrameException if the frame's size is above the inbound limit
     */
    public int frameAt(ByteBuffer buf, int index, int available) {
        if (available < PacketHeader.HEADER_LENGTH) {
            // Two bytes already tell a bad size; reject it without waiting for the id.
            if (available >= 2) {
                check(PacketHeader.size(buf, index));
            }
            return 0;
        }
        int size = check(PacketHeader.size(buf, index));
        return available >= size ? size : 0;
    }

    private int check(int size) {
        if (size < PacketHeader.HEADER_LENGTH) {
            throw new CorruptFrameException(size, maxFrameSize);
        }
        if (size > maxFrameSize) {
            throw new TooLongFrameException(size, maxFrameSize);
        }
        return size;
    }
}
