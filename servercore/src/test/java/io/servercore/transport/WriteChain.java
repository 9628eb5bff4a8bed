package io.servercore.transport;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes all of {@code data} by re-issuing the write for the remainder from each completion
 * handler, and checks every completion as a user would: a count above 0, no more than was
 * asked, and exactly the distance the buffer's position moved. Counts writes issued and
 * handler calls, so a test can require "every write completed exactly once".
 */
final class WriteChain implements CompletionHandler<Integer, Object> {
    private final AsynchronousSocketChannel channel;
    private final ByteBuffer data;
    private final long timeoutMillis;
    final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger partial = new AtomicInteger();
    final AtomicLong written = new AtomicLong();
    final Queue<String> errors = new ConcurrentLinkedQueue<>();
    final CountDownLatch done = new CountDownLatch(1);
    private volatile int requested;
    private volatile int positionBefore;
    volatile Throwable failure;

    WriteChain(AsynchronousSocketChannel channel, ByteBuffer data, long timeoutMillis) {
        this.channel = channel;
        this.data = data;
        this.timeoutMillis = timeoutMillis;
    }

    WriteChain start() {
        issue();
        return this;
    }

    private void issue() {
        requested = data.remaining();
        positionBefore = data.position();
        issued.incrementAndGet();
        try {
            channel.write(data, timeoutMillis, TimeUnit.MILLISECONDS, null, this);
        } catch (RuntimeException e) {
            issued.decrementAndGet();
            failure = e;
            done.countDown();
        }
    }

    @Override
    public void completed(Integer n, Object attachment) {
        calls.incrementAndGet();
        if (!TestGroup.onIoThread()) {
            errors.add("write completed on " + Thread.currentThread());
        }
        int moved = data.position() - positionBefore;
        if (n <= 0 || n > requested || moved != n) {
            errors.add("write of " + requested + " completed with " + n + " but the buffer moved " + moved);
        }
        if (n < requested) {
            partial.incrementAndGet();
        }
        written.addAndGet(n);
        if (data.hasRemaining()) {
            issue();
        } else {
            done.countDown();
        }
    }

    @Override
    public void failed(Throwable cause, Object attachment) {
        calls.incrementAndGet();
        if (!TestGroup.onIoThread()) {
            errors.add("write failed on " + Thread.currentThread());
        }
        failure = cause;
        done.countDown();
    }

    /** True once the chain has ended: everything written, or a failure. */
    boolean ended() {
        return done.getCount() == 0;
    }
}
