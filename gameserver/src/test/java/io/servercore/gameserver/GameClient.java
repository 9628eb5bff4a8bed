package io.servercore.gameserver;

import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_BroadcastMove;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.gameserver.protocol.S_Error;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.packet.Packet;
import io.servercore.packet.PacketBytes;
import io.servercore.testing.RawClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A blocking test client of the game protocol: writes packets (or any bytes), reads and parses
 * the server's frames. Reads time out after 10 s so a missing answer fails the test.
 *
 * <p>Not thread-safe; one test thread owns it.
 */
final class GameClient implements AutoCloseable {
    private final RawClient raw;
    /** Bytes of the packets this client wrote, and of the frames it read: what the server must count. */
    private long bytesWritten;
    private long bytesRead;

    GameClient(InetSocketAddress server) throws IOException {
        raw = new RawClient(server);
    }

    /** A client whose socket receive buffer is {@code receiveBufferSize} bytes from before it connects. */
    GameClient(InetSocketAddress server, int receiveBufferSize) throws IOException {
        raw = new RawClient(server, receiveBufferSize);
    }

    RawClient raw() {
        return raw;
    }

    /** Encodes {@code packet} through the pool and writes its bytes. */
    void send(Packet packet) throws IOException {
        byte[] frame = bytes(packet);
        raw.write(frame);
        bytesWritten += frame.length;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** A packet's whole frame as bytes. */
    static byte[] bytes(Packet packet) {
        return PacketBytes.encode(packet);
    }

    /** Reads and parses the next frame. */
    Packet next() throws IOException {
        byte[] frame = raw.readFrame();
        bytesRead += frame.length;
        ByteBuffer payload = PacketBytes.payloadOf(frame);
        int id = (frame[2] & 0xFF) | (frame[3] & 0xFF) << 8;
        switch (id) {
            case S_EnterRoom.ID: return S_EnterRoom.read(payload);
            case S_BroadcastEnter.ID: return S_BroadcastEnter.read(payload);
            case S_BroadcastLeave.ID: return S_BroadcastLeave.read(payload);
            case S_Chat.ID: return S_Chat.read(payload);
            case S_BroadcastMove.ID: return S_BroadcastMove.read(payload);
            case S_Pong.ID: return S_Pong.read(payload);
            case S_Error.ID: return S_Error.read(payload);
            default: throw new AssertionError("the server sent id " + id + ", which is no S_ packet");
        }
    }

    /** Reads the next frame and fails unless it is a {@code type}. */
    <T extends Packet> T expect(Class<T> type) throws IOException {
        Packet packet = next();
        if (!type.isInstance(packet)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + packet);
        }
        return type.cast(packet);
    }

    /** Reads the next frame and fails unless it is S_Error with {@code code}. */
    S_Error expectError(ErrorCode code) throws IOException {
        S_Error error = expect(S_Error.class);
        if (error.code != code.code) {
            throw new AssertionError("expected S_Error(" + code.code + "), got " + error);
        }
        return error;
    }

    /** Enters {@code room} as {@code name}; returns the S_EnterRoom (the first frame of it). */
    S_EnterRoom enter(String room, String name) throws IOException {
        send(new C_EnterRoom(room, name));
        return expect(S_EnterRoom.class);
    }

    /** Fails unless the server closes the connection with nothing more to say. */
    void expectClosed() throws IOException {
        byte[] rest = raw.readUntilClosed();
        if (rest.length != 0) {
            throw new AssertionError("expected the close, got " + rest.length + " more bytes");
        }
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
