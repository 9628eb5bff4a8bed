package io.servercore.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import io.servercore.course.packet.S2C_BroadcastEnterGame;
import io.servercore.course.packet.S2C_BroadcastLeaveGame;
import io.servercore.course.packet.S2C_BroadcastMove;
import io.servercore.course.packet.S2C_PlayerList;
import io.servercore.packet.Packet;
import io.servercore.packet.PacketHeader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A blocking test client of the course's protocol, as the course's DummyClient would see it:
 * it writes the frames the generated {@code C2S_} classes encode and parses what arrives with
 * the generated {@code S2C_} classes. Reads time out after 10 s, so a missing packet fails the
 * test instead of hanging it.
 *
 * <p>Not thread-safe; one test thread owns it.
 */
final class CourseClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Bytes read and not yet parsed: the start of a frame whose rest has not arrived. */
    private byte[] leftover = new byte[0];
    private final List<Packet> parsed = new ArrayList<>();

    CourseClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The port this client connects from, as the server's log lines name the peer. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** Sends the packets in one write, as one TCP segment on loopback. */
    void send(Packet... packets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Packet packet : packets) {
            bytes.writeBytes(encode(packet));
        }
        write(bytes.toByteArray());
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next packet, reading as needed. */
    Packet next() throws IOException {
        while (parsed.isEmpty()) {
            readOnce();
        }
        return parsed.remove(0);
    }

    /** The next packet, which must be a {@code type}. */
    <P extends Packet> P expect(Class<P> type) throws IOException {
        return assertInstanceOf(type, next());
    }

    /**
     * The packets of exactly one read from the socket: what one write of the server put on the
     * wire, if the client waited for it. Nothing may be left from earlier reads, and the read
     * must end on a frame boundary.
     */
    List<Packet> nextRead() throws IOException {
        assertTrue(parsed.isEmpty() && leftover.length == 0, "packets left from earlier reads: " + parsed);
        readOnce();
        assertEquals(0, leftover.length, "the read ended inside a frame");
        List<Packet> read = new ArrayList<>(parsed);
        parsed.clear();
        return read;
    }

    /** Whether anything arrived that was not taken yet. */
    boolean hasUnread() throws IOException {
        return in.available() > 0 || leftover.length > 0 || !parsed.isEmpty();
    }

    /** Reads until the server closes the connection; fails if a packet comes first or 10 s pass. */
    void expectClosed() throws IOException {
        try {
            int r = in.read();
            assertEquals(-1, r, "expected the close, got a byte");
        } catch (SocketException reset) {
            // a reset is a close too
        }
    }

    /** Closes with FIN, as a client that quits does. */
    void disconnect() throws IOException {
        socket.close();
    }

    /** Closes with RST instead of FIN, as a client that crashes does. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The frame {@code packet} encodes, through the shared pool; the slice is released at once. */
    static byte[] encode(Packet packet) {
        SendBuffer slice = packet.write(SendBufferManager.shared());
        try {
            ByteBuffer view = slice.nioBuffer();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            return bytes;
        } finally {
            slice.release();
        }
    }

    private void readOnce() throws IOException {
        byte[] buf = new byte[65_536];
        int n = in.read(buf);
        if (n < 0) {
            throw new EOFException("the server closed the connection; parsed so far: " + parsed);
        }
        byte[] data = new byte[leftover.length + n];
        System.arraycopy(leftover, 0, data, 0, leftover.length);
        System.arraycopy(buf, 0, data, leftover.length, n);
        ByteBuffer frames = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (data.length - at >= PacketHeader.HEADER_LENGTH) {
            int size = PacketHeader.size(frames, at);
            assertTrue(size >= PacketHeader.HEADER_LENGTH, "frame size " + size);
            if (data.length - at < size) {
                break;
            }
            int id = PacketHeader.id(frames, at);
            ByteBuffer payload = ByteBuffer.wrap(data, at + PacketHeader.HEADER_LENGTH, size - PacketHeader.HEADER_LENGTH)
                    .slice().order(ByteOrder.LITTLE_ENDIAN);
            parsed.add(parse(id, payload));
            at += size;
        }
        leftover = Arrays.copyOfRange(data, at, data.length);
    }

    private static Packet parse(int id, ByteBuffer payload) {
        return switch (id) {
            case S2C_BroadcastEnterGame.ID -> S2C_BroadcastEnterGame.read(payload);
            case S2C_BroadcastLeaveGame.ID -> S2C_BroadcastLeaveGame.read(payload);
            case S2C_PlayerList.ID -> S2C_PlayerList.read(payload);
            case S2C_BroadcastMove.ID -> S2C_BroadcastMove.read(payload);
            default -> fail("the server sent packet id " + id + ", which is not server-to-client");
        };
    }
}
