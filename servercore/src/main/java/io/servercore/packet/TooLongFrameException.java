package io.servercore.packet;

/** A frame whose {@code size} is above the receiver's inbound limit. */
public final class TooLongFrameException extends InvalidFrameException {
    private static final long serialVersionUID = 1L;

    TooLongFrameException(int size, int maxFrameSize) {
        super("frame too long: size=" + size + ", min=" + PacketHeader.HEADER_LENGTH + ", max=" + maxFrameSize);
    }
}
