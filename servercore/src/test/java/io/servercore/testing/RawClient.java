package io.servercore.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A blocking loopback client that writes exactly the bytes a test asks for: half frames,
 * corrupt headers, one byte at a time. Reads time out after 10 s so a hang fails the test.
 *
 * <p>Not thread-safe; one test thread owns it.
 */
public final class RawClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(InetSocketAddress server) throws IOException {
        this(server, 0);
    }

    /**
     * A client whose socket receive buffer is set to {@code receiveBufferSize} bytes before it
     * connects (0 for the system's), so that the TCP window the server sees is that small from
     * the start: set after connecting, the window is already advertised.
     */
    public RawClient(InetSocketAddress server, int receiveBufferSize) throws IOException {
        socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
    }

    /** Reads exactly {@code n} bytes. */
    public byte[] read(int n) throws IOException {
        byte[] bytes = new byte[n];
        int done = 0;
        while (done < n) {
            int r = in.read(bytes, done, n - done);
            if (r < 0) {
                throw new EOFException("stream ended after " + done + " of " + n + " bytes");
            }
            done += r;
        }
        return bytes;
    }

    /** Reads one whole frame (header included). */
    public byte[] readFrame() throws IOException {
        byte[] header = read(4);
        int size = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
        byte[] rest = read(size - 4);
        byte[] frame = new byte[size];
        System.arraycopy(header, 0, frame, 0, 4);
        System.arraycopy(rest, 0, frame, 4, rest.length);
        return frame;
    }

    /**
     * Reads until the server closes the connection and returns what arrived before; fails if
     * the connection is still open after 10 s.
     */
    public byte[] readUntilClosed() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (;;) {
                int r = in.read(buf);
                if (r < 0) {
                    return got.toByteArray();
                }
                got.write(buf, 0, r);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close the connection within 10 s", e);
        } catch (IOException reset) {
            return got.toByteArray(); // a reset is a close too
        }
    }

    /** Closes with RST instead of FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
