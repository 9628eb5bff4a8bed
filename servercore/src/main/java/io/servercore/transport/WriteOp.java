package io.servercore.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.SelectionKey;
import java.util.concurrent.TimeUnit;

/**
 * The pending write of a {@link LoopSocketChannel}, plain or gathering (one writev).
 *
 * <p>A write is tried at once on the owning loop and completes with whatever that one syscall
 * wrote, the true count, as NIO.2 requires of a partial write. A write that wrote less than
 * asked found the send buffer full: the channel remembers it ({@code writeBlocked}), and the
 * next write goes straight to waiting for OP_WRITE instead of spending a syscall on EAGAIN.
 * OP_WRITE is therefore registered only after a short or zero write, and removed once the
 * selector reports the socket writable and no write is left waiting.
 *
 * <p>Threading: see {@link PendingOp}.
 */
final class WriteOp extends PendingOp {
    private final LoopSocketChannel channel;
    private ByteBuffer src;
    private ByteBuffer[] srcs;
    private int offset;
    private int length;

    WriteOp(LoopSocketChannel channel) {
        super(channel.loop);
        this.channel = channel;
    }

    void prepare(ByteBuffer src, ByteBuffer[] srcs, int offset, int length,
                 Object attachment, CompletionHandler<?, ?> handler, long timeout, TimeUnit unit) {
        this.src = src;
        this.srcs = srcs;
        this.offset = offset;
        this.length = length;
        prepare(attachment, handler, timeout, unit);
    }

    @Override
    void start() {
        if (!channel.isOpen()) {
            fail(new AsynchronousCloseException());
        } else if (channel.writeBlocked || !tryWrite()) {
            arm();
        }
    }

    /** Loop: the selector reports the socket writable while this write is armed. */
    void onWritable() {
        tryWrite(); // nothing written: spurious, stay armed
    }

    /** Returns whether the write completed (bytes written or error). */
    private boolean tryWrite() {
        long wanted = srcs == null ? src.remaining() : Buffers.remaining(srcs, offset, length);
        long n;
        try {
            loop.countSyscall(LoopCounter.WRITES);
            n = srcs == null ? channel.socket.write(src) : channel.socket.write(srcs, offset, length);
        } catch (IOException | RuntimeException e) {
            fail(channel.closedOr(e));
            return true;
        }
        if (n < wanted) {
            channel.writeBlocked = true;
            loop.stats.increment(LoopCounter.SHORT_WRITES);
        }
        if (n == 0) {
            return false;
        }
        if (srcs == null) {
            succeed((int) n);
        } else {
            succeed(n);
        }
        return true;
    }

    private void arm() {
        armed = true;
        if (channel.interest.add(SelectionKey.OP_WRITE)) {
            armTimeout();
        } else {
            fail(new AsynchronousCloseException());
        }
    }

    @Override
    void clear() {
        src = null;
        srcs = null;
    }
}
