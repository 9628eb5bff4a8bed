package io.servercore.benchmarks.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The few frames of docs/protocol.md the idle-memory scenarios send, on a plain blocking socket:
 * so that the sessions they hold cost the server exactly what an idle player costs, and the
 * swarm (which would keep pinging) is not needed.
 *
 * <pre>
 * frame:  +--------+--------+----------------+
 *         | size   | id     | payload        |   size and id u16 little-endian;
 *         +--------+--------+----------------+   size counts the header too
 *          0        2        4 = HEADER_LENGTH
 * string: u16 byte count, then UTF-8
 * </pre>
 *
 * <p>Stateless; the runner's thread.
 */
final class RawClient {
    static final int HEADER_LENGTH = 4;
    static final int C_ENTER_ROOM = 1;
    static final int S_ENTER_ROOM = 2;
    static final int C_PING = 10;
    static final int S_PONG = 11;
    /** A frame this client will read; the server's inbound limit does not apply to what it sends. */
    private static final int MAX_FRAME = 65535;

    private RawClient() {
    }

    static Socket connect(int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(10_000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** One C_Ping on a connection of its own, answered within 10 s: the server has caught up with its accepts. */
    static void ping(int port) throws IOException {
        try (Socket socket = connect(port, 10_000)) {
            socket.getOutputStream().write(frame(C_PING, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(7).array()));
            awaitFrame(socket, S_PONG);
        }
    }

    /** Sends C_EnterRoom and reads until the S_EnterRoom that answers it. */
    static void enter(Socket socket, String room, String name) throws IOException {
        byte[] r = room.getBytes(StandardCharsets.UTF_8);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(4 + r.length + n.length).order(ByteOrder.LITTLE_ENDIAN);
        payload.putShort((short) r.length).put(r).putShort((short) n.length).put(n);
        OutputStream out = socket.getOutputStream();
        out.write(frame(C_ENTER_ROOM, payload.array()));
        out.flush();
        awaitFrame(socket, S_ENTER_ROOM);
    }

    static byte[] frame(int id, byte[] payload) {
        return ByteBuffer.allocate(HEADER_LENGTH + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) (HEADER_LENGTH + payload.length)).putShort((short) id).put(payload).array();
    }

    /** Reads whole frames until one with {@code id}; others (broadcasts of other members) are skipped. */
    private static void awaitFrame(Socket socket, int id) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[HEADER_LENGTH];
        while (true) {
            in.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int size = Short.toUnsignedInt(h.getShort());
            int got = Short.toUnsignedInt(h.getShort());
            if (size < HEADER_LENGTH || size > MAX_FRAME) {
                throw new IOException("invalid frame from the server: size=" + size + ", min=" + HEADER_LENGTH
                        + ", max=" + MAX_FRAME);
            }
            in.readFully(new byte[size - HEADER_LENGTH]);
            if (got == id) {
                return;
            }
        }
    }
}
