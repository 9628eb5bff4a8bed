package io.servercore.dummyclient.attack;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import io.servercore.packet.Packet;
import io.servercore.packet.PacketHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * One attacker's connection: a plain non-blocking {@link SocketChannel} that writes exactly
 * the bytes it is given (half frames, garbage, one byte at a time), reads only when asked
 * (or never), and closes with a FIN or, with {@code SO_LINGER 0}, a reset. The servercore
 * sessions the normal players use can do none of the last three.
 *
 * <p>Nothing here blocks: a connect is started and then polled, writes that the socket does
 * not take at once wait in a buffer for the next {@link #flush()}, reads take what has
 * arrived.
 *
 * <p>Not thread-safe: owned by one attacker, used only from its attack's tick, which never
 * runs twice at once; after the last tick the runner closes what is left.
 */
final class RawConnection {
    /** Receives whole frames: {@code payload} holds the frame's payload, valid only during the call. */
    interface FrameSink {
        void frame(int id, ByteBuffer payload) throws IOException;
    }

    private static final int READ_CHUNK = 64 * 1024;
    /** Reads per {@link #read} call at most, so that one busy connection cannot hold a tick. */
    private static final int MAX_READS = 16;

    private final SocketChannel channel;
    private boolean connected;
    private ByteBuffer out = ByteBuffer.allocate(256);
    private ByteBuffer in;
    private long bytesWritten;

    private RawConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Starts a connect to {@code server}.
     *
     * @param receiveBuffer the socket's receive buffer in bytes, set before the connect so the
     *                      window is small from the start; 0 for the system's default
     */
    static RawConnection open(InetSocketAddress server, int receiveBuffer) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (receiveBuffer > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            RawConnection connection = new RawConnection(channel);
            connection.connected = channel.connect(server);
            return connection;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether the connect has completed; throws the reason it failed. */
    boolean finishConnect() throws IOException {
        if (!connected) {
            connected = channel.finishConnect();
        }
        return connected;
    }

    /** Queues {@code bytes} and writes what the socket takes now. */
    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (out.remaining() < length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + length));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        out.put(bytes, offset, length);
        flush();
    }

    /** Queues one packet's whole frame. */
    void write(Packet packet) throws IOException {
        write(bytes(packet));
    }

    /** Writes what is queued, as much as the socket takes. */
    void flush() throws IOException {
        if (out.position() == 0) {
            return;
        }
        out.flip();
        try {
            bytesWritten += channel.write(out);
        } finally {
            out.compact();
        }
    }

    /** Bytes queued and not yet taken by the socket. */
    int pending() {
        return out.position();
    }

    /** Bytes the socket has taken so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Reads what has arrived and hands each whole frame to {@code sink}, in order.
     *
     * @return false once the server has closed its end (a FIN); a reset throws instead
     * @throws IOException on a reset, or on a frame whose size field is below the header
     */
    boolean read(FrameSink sink) throws IOException {
        if (in == null) {
            in = ByteBuffer.allocate(READ_CHUNK + PacketHeader.MAX_FRAME_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        }
        for (int reads = 0; reads < MAX_READS && channel.isOpen(); reads++) {
            int n = channel.read(in);
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                return true;
            }
            cut(sink);
        }
        return true;
    }

    private void cut(FrameSink sink) throws IOException {
        in.flip();
        int end = in.limit();
        while (channel.isOpen() && in.remaining() >= PacketHeader.HEADER_LENGTH) {
            int start = in.position();
            int size = PacketHeader.size(in, start);
            if (size < PacketHeader.HEADER_LENGTH) {
                throw new IOException("the server sent a frame of size " + size);
            }
            if (in.remaining() < size) {
                break;
            }
            in.position(start + PacketHeader.HEADER_LENGTH).limit(start + size);
            sink.frame(PacketHeader.id(in, start), in);
            in.limit(end).position(start + size);
        }
        in.compact();
    }

    /** Sends a FIN and keeps reading: the server should answer with its own close. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Closes with a FIN (or a reset, if the kernel still holds bytes we did not read). */
    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket we are done with; nothing to report
        }
    }

    /** Closes with a reset: {@code SO_LINGER 0} makes the kernel send RST and drop what is queued. */
    void reset() {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException ignored) {
            // not connected: a plain close is all there is
        }
        close();
    }

    /** The frame of {@code packet} as bytes (encoded through the pool, copied, released). */
    static byte[] bytes(Packet packet) {
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
}
