package io.servercore.transport;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * The selection key of one channel and the interest set the loop wants for it. The channel is
 * registered with its loop's selector on the loop's thread, the first time an operation has
 * to wait. Interest bits are changed only when the wanted set changes; the JDK's selector
 * applies the net change of an iteration with at most one epoll_ctl.
 *
 * <p>Threading: owned by the channel's loop; only the loop's thread touches it.
 */
final class Interest {
    private final SelectableChannel channel;
    private final LoopChannel owner;
    private final EventLoop loop;
    private SelectionKey key;
    private int ops;

    Interest(SelectableChannel channel, LoopChannel owner, EventLoop loop) {
        this.channel = channel;
        this.owner = owner;
        this.loop = loop;
    }

    /**
     * Adds {@code op}. Returns false if the channel was closed meanwhile: the caller fails its
     * operation, since no readiness event will come.
     */
    boolean add(int op) {
        if ((ops & op) != 0) {
            return key.isValid();
        }
        try {
            if (key == null) {
                key = channel.register(loop.selector, ops | op, owner);
            } else {
                key.interestOps(ops | op);
            }
        } catch (ClosedChannelException | CancelledKeyException e) {
            return false;
        }
        ops |= op;
        loop.stats.increment(LoopCounter.INTEREST_UPDATES);
        if (op == SelectionKey.OP_WRITE) {
            loop.stats.increment(LoopCounter.OP_WRITE_REGISTRATIONS);
        }
        return true;
    }

    void remove(int op) {
        if ((ops & op) == 0) {
            return;
        }
        ops &= ~op;
        loop.stats.increment(LoopCounter.INTEREST_UPDATES);
        try {
            key.interestOps(ops);
        } catch (CancelledKeyException closed) {
            // nothing to stop listening to
        }
    }

    boolean has(int op) {
        return (ops & op) != 0;
    }
}
