package io.servercore.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.SelectionKey;
import java.util.concurrent.TimeUnit;

/**
 * The pending read of a {@link LoopSocketChannel}, plain or scattering.
 *
 * <p>EAGAIN is avoided, not retried: a read that returned less than its buffers could hold
 * emptied the socket's receive queue, so the channel remembers the socket as drained and the
 * next read does not try the syscall; it waits for the selector. That covers the usual case,
 * a read issued from the previous read's handler, and any later read too, since the drained
 * mark is cleared only when the selector reports the socket readable. A read that filled its
 * buffers leaves the socket possibly non-empty, so the next read is tried at once. A fresh
 * channel starts drained: its first read asks the selector instead of guessing.
 *
 * <p>OP_READ is level-triggered and stays in the interest set after a read completes, so a
 * connection that keeps reading costs no epoll_ctl per read. It is removed lazily, when the
 * selector reports the socket readable and no read is pending.
 *
 * <p>Threading: see {@link PendingOp}; the buffers are set by the acquiring thread and then
 * used only by the loop.
 */
final class ReadOp extends PendingOp {
    private final LoopSocketChannel channel;
    private ByteBuffer dst;
    private ByteBuffer[] dsts;
    private int offset;
    private int length;

    ReadOp(LoopSocketChannel channel) {
        super(channel.loop);
        this.channel = channel;
    }

    void prepare(ByteBuffer dst, ByteBuffer[] dsts, int offset, int length,
                 Object attachment, CompletionHandler<?, ?> handler, long timeout, TimeUnit unit) {
        this.dst = dst;
        this.dsts = dsts;
        this.offset = offset;
        this.length = length;
        prepare(attachment, handler, timeout, unit);
    }

    @Override
    void start() {
        if (!channel.isOpen()) {
            fail(new AsynchronousCloseException());
        } else if (channel.readDrained || !tryRead()) {
            arm();
        }
    }

    /** Loop: the selector reports the socket readable while this read is armed. */
    void onReadable() {
        tryRead(); // nothing read: spurious, stay armed
    }

    /** Returns whether the read completed (bytes, end of stream or error). */
    private boolean tryRead() {
        long wanted = dsts == null ? dst.remaining() : Buffers.remaining(dsts, offset, length);
        long n;
        try {
            loop.countSyscall(LoopCounter.READS);
            n = dsts == null ? channel.socket.read(dst) : channel.socket.read(dsts, offset, length);
        } catch (IOException | RuntimeException e) {
            fail(channel.closedOr(e));
            return true;
        }
        if (n == 0) {
            channel.readDrained = true;
            loop.stats.increment(LoopCounter.ZERO_READS);
            return false;
        }
        channel.readDrained = n > 0 && n < wanted;
        if (dsts == null) {
            succeed((int) n);
        } else {
            succeed(n);
        }
        return true;
    }

    private void arm() {
        armed = true;
        if (channel.interest.add(SelectionKey.OP_READ)) {
            armTimeout();
        } else {
            fail(new AsynchronousCloseException());
        }
    }

    @Override
    void clear() {
        dst = null;
        dsts = null;
    }
}
