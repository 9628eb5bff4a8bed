package io.servercore.net;

import io.servercore.packet.FrameCutter;
import io.servercore.packet.InvalidFrameException;
import io.servercore.packet.PacketHeader;
import java.nio.ByteBuffer;

/**
 * A session that speaks in frames ({@link PacketHeader}): it cuts whole
 * {@code [size][id][payload]} frames out of the receive buffer and hands each to
 * {@link #onRecvPacket(int, ByteBuffer)}. A partial frame waits for the next read.
 *
 * <p>A size below the header or above the service's {@code maxFrameSize} closes the session
 * with {@link DisconnectReason#PROTOCOL_VIOLATION}, logged once at WARN with the peer; the
 * header is checked before anything is buffered for it. Only a complete frame counts as
 * activity for the idle timeout.
 *
 * <p>Threading: as {@link Session}; {@code onRecvPacket} calls for one session never overlap.
 */
public abstract class PacketSession extends Session {

    protected PacketSession() {
        packetFraming();
    }

    /**
     * Called for each complete frame, in order. {@code payload} holds the frame's payload
     * from its position to its limit (little-endian) and is valid only during the call.
     * After this session is closed, no further frames of the same read are delivered.
     */
    protected abstract void onRecvPacket(int id, ByteBuffer payload);

    /** Closes this session because the peer broke the protocol; logs {@code detail} at WARN. */
    public final void violation(String detail) {
        disconnect(DisconnectReason.PROTOCOL_VIOLATION, detail);
    }

    @Override
    protected final int onRecv(ByteBuffer data) {
        FrameCutter cutter = service().frameCutter();
        int start = data.position();
        int end = data.limit();
        int pos = start;
        int frames = 0;
        try {
            int size;
            recvHint = 0;
            while (!isClosed() && (size = cutter.frameAt(data, pos, end - pos)) != 0) {
                int id = PacketHeader.id(data, pos);
                frames++;
                data.limit(pos + size).position(pos + PacketHeader.HEADER_LENGTH);
                onRecvPacket(id, data);
                data.limit(end);
                pos += size;
            }
            if (end - pos >= PacketHeader.HEADER_LENGTH) {
                recvHint = PacketHeader.size(data, pos); // checked by the cutter: let the buffer grow for it
            }
        } catch (InvalidFrameException e) {
            violation(e.getMessage());
        } finally {
            if (frames > 0) {
                markActive();
                service().stats().packetsReceived(frames);
            }
        }
        return pos - start;
    }
}
