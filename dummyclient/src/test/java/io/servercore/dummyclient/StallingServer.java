package io.servercore.dummyclient;

import io.servercore.testing.Frames;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that lets each client into its room and then stops reading, as a server does that
 * cannot keep up: plain {@link ServerSocket}s, one thread accepting, the rest done on it.
 *
 * <p>Thread-safe: {@link #close()} from any thread ends the accept thread and every socket.
 */
final class StallingServer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    StallingServer() throws IOException {
        listener = new ServerSocket();
        // A small window, inherited by every accepted socket: the stall shows after a few KiB.
        listener.setReceiveBufferSize(4096);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::acceptLoop, "stalling-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        int playerId = 1;
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                InputStream in = socket.getInputStream();
                byte[] header = in.readNBytes(4);
                int size = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
                byte[] enterRoom = in.readNBytes(size - 4);
                String room = new String(enterRoom, 2, (enterRoom[0] & 0xFF) | (enterRoom[1] & 0xFF) << 8,
                        StandardCharsets.UTF_8);
                socket.getOutputStream().write(Frames.frame(2, enterRoomPayload(playerId++, room)));
                // ... and never reads again.
            }
        } catch (IOException closed) {
            // close() ends the loop
        }
    }

    /** S_EnterRoom(playerId, room, no other players). */
    private static byte[] enterRoomPayload(int playerId, String room) {
        byte[] name = room.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(4 + 2 + name.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        payload.putInt(playerId).putShort((short) name.length).put(name).putShort((short) 0);
        return payload.array();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
