package io.servercore.packet;

/** A frame whose {@code size} is smaller than its own header (0 to 3). */
public final class CorruptFrameException extends InvalidFrameException {
    private static final long serialVersionUID = 1L;

    CorruptFrameException(int size, int maxFrameSize) {
        super("invalid frame: size=" + size + ", min=" + PacketHeader.HEADER_LENGTH + ", max=" + maxFrameSize);
    }
}
