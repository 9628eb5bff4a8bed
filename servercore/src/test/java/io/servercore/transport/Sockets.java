package io.servercore.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Loopback connections for the transport tests. */
final class Sockets {
    static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private Sockets() {
    }

    /** Two connected channels of {@code group}: the connecting one and the accepted one. */
    record Pair(AsynchronousSocketChannel client, AsynchronousSocketChannel server) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }

    /** A channel of {@code group} connected to a plain blocking socket the test drives. */
    record Peered(AsynchronousSocketChannel channel, SocketChannel peer) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
            peer.close();
        }

        /** Reads exactly {@code n} bytes from the peer, blocking. */
        byte[] peerReads(int n) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(n);
            while (buffer.hasRemaining()) {
                if (peer.read(buffer) < 0) {
                    throw new IOException("peer saw end of stream after " + buffer.position() + " of " + n + " bytes");
                }
            }
            return buffer.array();
        }

        void peerWrites(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                peer.write(buffer);
            }
        }
    }

    static Pair pair(AsynchronousChannelGroup group) throws Exception {
        try (AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(group)) {
            listener.bind(ANY_LOOPBACK);
            Future<AsynchronousSocketChannel> accepted = listener.accept();
            AsynchronousSocketChannel client = AsynchronousSocketChannel.open(group);
            client.connect(listener.getLocalAddress()).get(10, TimeUnit.SECONDS);
            return new Pair(client, accepted.get(10, TimeUnit.SECONDS));
        }
    }

    /** {@code group}'s channel connects to a blocking listener; the accepted socket is the peer. */
    static Peered peered(AsynchronousChannelGroup group) throws Exception {
        return peered(group, 0);
    }

    /** As {@link #peered(AsynchronousChannelGroup)}, with the peer's receive buffer set first (0: default). */
    static Peered peered(AsynchronousChannelGroup group, int peerReceiveBuffer) throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            if (peerReceiveBuffer > 0) {
                listener.setOption(java.net.StandardSocketOptions.SO_RCVBUF, peerReceiveBuffer); // inherited by accepted sockets
            }
            listener.bind(ANY_LOOPBACK);
            AsynchronousSocketChannel channel = AsynchronousSocketChannel.open(group);
            channel.connect(listener.getLocalAddress()).get(10, TimeUnit.SECONDS);
            SocketChannel peer = listener.accept();
            return new Peered(channel, peer);
        }
    }

    /** Bytes whose value depends on their position in the stream from {@code seed}. */
    static byte[] pattern(long seed, int length) {
        byte[] bytes = new byte[length];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return bytes;
    }
}
