package io.servercore.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * Test helpers for packets as bytes: hex literals, encoding a packet to an array (releasing
 * its slice at once, so no test leaks one), and the payload view a session would deliver.
 *
 * <p>Stateless; any thread.
 */
public final class PacketBytes {
    private PacketBytes() {
    }

    /** Bytes from hex digits; spaces, newlines and {@code |} may separate them for readability. */
    public static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replaceAll("[\\s|]", ""));
    }

    public static String toHex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The whole frame {@code packet} writes to the shared pool; the slice is released before returning. */
    public static byte[] encode(Packet packet) {
        SendBuffer slice = packet.write(SendBufferManager.shared());
        try {
            ByteBuffer view = slice.nioBuffer();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            return bytes;
        } finally {
            assertTrue(slice.release(), "the caller held the only reference");
        }
    }

    /** The payload of {@code frame} as {@code PacketSession.onRecvPacket} gets it: little-endian, after the header. */
    public static ByteBuffer payloadOf(byte[] frame) {
        return ByteBuffer.wrap(frame, PacketHeader.HEADER_LENGTH, frame.length - PacketHeader.HEADER_LENGTH)
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code payload} as a little-endian buffer of its own. */
    public static ByteBuffer payload(byte[] payload) {
        return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code frame} with its header taken off. */
    public static byte[] payloadBytes(byte[] frame) {
        ByteBuffer payload = payloadOf(frame);
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return bytes;
    }
}
