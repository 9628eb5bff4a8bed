package io.servercore.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A socket channel with no socket: it keeps each read and write pending until the test
 * completes it, and lets the test act at the moment the engine starts a write. It puts the
 * engine's completion paths in an order of the test's choosing, which a real socket only
 * reaches by chance.
 *
 * <p>Not thread-safe beyond what the engine's one-read-one-write rule gives: the test drives it
 * from one thread at a time.
 */
final class FakeChannel extends AsynchronousSocketChannel {
    private volatile boolean open = true;
    private volatile CompletionHandler<Integer, Object> readHandler;
    private volatile Object readAttachment;
    private volatile CompletionHandler<Long, Object> writeHandler;
    private volatile Object writeAttachment;
    /** Runs inside {@code write}, on the writing thread, before the write is left pending. */
    volatile Consumer<FakeChannel> onWrite = channel -> { };

    FakeChannel() {
        super(AsynchronousChannelProvider.provider());
    }

    boolean readPending() {
        return readHandler != null;
    }

    boolean writePending() {
        return writeHandler != null;
    }

    /** Fails the pending read with {@code cause}, on the calling thread. */
    void failRead(Throwable cause) {
        CompletionHandler<Integer, Object> handler = readHandler;
        Object attachment = readAttachment;
        readHandler = null;
        handler.failed(cause, attachment);
    }

    /** Fails the pending write with {@code cause}, on the calling thread. */
    void failWrite(Throwable cause) {
        CompletionHandler<Long, Object> handler = writeHandler;
        Object attachment = writeAttachment;
        writeHandler = null;
        handler.failed(cause, attachment);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> void read(ByteBuffer dst, long timeout, TimeUnit unit, A attachment,
            CompletionHandler<Integer, ? super A> handler) {
        readAttachment = attachment;
        readHandler = (CompletionHandler<Integer, Object>) handler;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> void write(ByteBuffer[] srcs, int offset, int length, long timeout, TimeUnit unit, A attachment,
            CompletionHandler<Long, ? super A> handler) {
        writeAttachment = attachment;
        writeHandler = (CompletionHandler<Long, Object>) handler;
        onWrite.accept(this);
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return new InetSocketAddress("127.0.0.1", 9);
    }

    @Override
    public SocketAddress getLocalAddress() {
        return new InetSocketAddress("127.0.0.1", 10);
    }

    @Override
    public AsynchronousSocketChannel bind(SocketAddress local) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> AsynchronousSocketChannel setOption(SocketOption<T> name, T value) {
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public AsynchronousSocketChannel shutdownInput() {
        return this;
    }

    @Override
    public AsynchronousSocketChannel shutdownOutput() {
        return this;
    }

    @Override
    public <A> void connect(SocketAddress remote, A attachment, CompletionHandler<Void, ? super A> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> connect(SocketAddress remote) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Integer> read(ByteBuffer dst) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <A> void read(ByteBuffer[] dsts, int offset, int length, long timeout, TimeUnit unit, A attachment,
            CompletionHandler<Long, ? super A> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <A> void write(ByteBuffer src, long timeout, TimeUnit unit, A attachment,
            CompletionHandler<Integer, ? super A> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Integer> write(ByteBuffer src) {
        throw new UnsupportedOperationException();
    }
}
