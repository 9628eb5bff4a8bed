package io.servercore.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.SelectionKey;

/**
 * The pending connect of a {@link LoopSocketChannel}. As with the JDK's channels, a connect
 * that fails closes the channel before its handler runs.
 *
 * <p>Threading: see {@link PendingOp}. The non-blocking connect syscall runs on the loop too.
 */
final class ConnectOp extends PendingOp {
    private final LoopSocketChannel channel;
    private InetSocketAddress remote;

    ConnectOp(LoopSocketChannel channel) {
        super(channel.loop);
        this.channel = channel;
    }

    void prepare(InetSocketAddress remote, Object attachment, CompletionHandler<?, ?> handler) {
        this.remote = remote;
        prepare(attachment, handler, 0, null);
    }

    @Override
    void start() {
        if (!channel.isOpen()) {
            fail(new AsynchronousCloseException());
            return;
        }
        try {
            if (channel.socket.connect(remote)) {
                connected();
                return;
            }
        } catch (IOException | RuntimeException e) {
            failConnect(e);
            return;
        }
        armed = true;
        if (!channel.interest.add(SelectionKey.OP_CONNECT)) {
            failConnect(new AsynchronousCloseException());
        }
    }

    /** Loop: the selector reports the connect finished, one way or the other. */
    void onConnectable() {
        if (!armed) {
            channel.interest.remove(SelectionKey.OP_CONNECT);
            return;
        }
        try {
            if (!channel.socket.finishConnect()) {
                return; // spurious: stay armed
            }
        } catch (IOException | RuntimeException e) {
            channel.interest.remove(SelectionKey.OP_CONNECT);
            failConnect(e);
            return;
        }
        channel.interest.remove(SelectionKey.OP_CONNECT);
        connected();
    }

    private void connected() {
        channel.markConnected();
        succeed(null);
    }

    private void failConnect(Throwable e) {
        Throwable cause = channel.closedOr(e);
        if (cause instanceof ConnectException) {
            ConnectException named = new ConnectException(cause.getMessage() + ": " + remote);
            named.initCause(cause);
            cause = named;
        }
        channel.closeQuietly();
        fail(cause);
    }

    @Override
    void clear() {
        remote = null;
    }
}
