package io.servercore.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads from a channel with a chain of reads until {@code expected} bytes arrived (or end of
 * stream, or a failure), keeping every byte.
 */
final class ReadAll implements CompletionHandler<Integer, Object> {
    private final AsynchronousSocketChannel channel;
    private final long expected;
    private final ByteBuffer buffer;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;

    ReadAll(AsynchronousSocketChannel channel, long expected, int bufferSize) {
        this.channel = channel;
        this.expected = expected;
        this.buffer = ByteBuffer.allocate(bufferSize);
    }

    ReadAll start() {
        channel.read(buffer, null, this);
        return this;
    }

    @Override
    public void completed(Integer n, Object attachment) {
        if (n < 0) {
            done.countDown();
            return;
        }
        synchronized (received) {
            received.write(buffer.array(), 0, buffer.position());
        }
        buffer.clear();
        if (received.size() >= expected) {
            done.countDown();
        } else {
            channel.read(buffer, null, this);
        }
    }

    @Override
    public void failed(Throwable cause, Object attachment) {
        failure = cause;
        done.countDown();
    }

    /** Waits up to 20 s for the chain to end and returns what arrived. */
    byte[] await() throws InterruptedException {
        if (!done.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("read chain still waiting after 20 s, got " + received.size() + " of " + expected);
        }
        if (failure != null) {
            throw new AssertionError("read chain failed after " + received.size() + " bytes", failure);
        }
        synchronized (received) {
            return received.toByteArray();
        }
    }
}
