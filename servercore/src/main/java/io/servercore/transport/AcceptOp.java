package io.servercore.transport;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.SelectionKey;
import java.nio.channels.ShutdownChannelGroupException;
import java.nio.channels.SocketChannel;

/**
 * The pending accept of a {@link LoopServerSocketChannel}. The accepted socket becomes a
 * {@link LoopSocketChannel} owned by the group's next loop in turn, so connections spread over
 * the loops. Like OP_READ, OP_ACCEPT stays registered after an accept and is removed lazily.
 *
 * <p>Threading: see {@link PendingOp}.
 */
final class AcceptOp extends PendingOp {
    private final LoopServerSocketChannel server;

    AcceptOp(LoopServerSocketChannel server) {
        super(server.loop);
        this.server = server;
    }

    void prepare(Object attachment, CompletionHandler<?, ?> handler) {
        prepare(attachment, handler, 0, null);
    }

    @Override
    void start() {
        if (!server.isOpen()) {
            fail(new AsynchronousCloseException());
        } else if (!tryAccept()) {
            armed = true;
            if (!server.interest.add(SelectionKey.OP_ACCEPT)) {
                fail(new AsynchronousCloseException());
            }
        }
    }

    /** Loop: the selector reports a connection waiting while this accept is armed. */
    void onAcceptable() {
        tryAccept();
    }

    private boolean tryAccept() {
        SocketChannel accepted;
        try {
            accepted = server.socket.accept();
        } catch (IOException | RuntimeException e) {
            fail(server.closedOr(e));
            return true;
        }
        if (accepted == null) {
            return false;
        }
        LoopSocketChannel channel;
        try {
            channel = LoopSocketChannel.accepted(server.group, accepted);
        } catch (ShutdownChannelGroupException e) {
            fail(new IOException("group is shut down: connection from an accept refused", e)); // as the JDK does
            return true;
        } catch (IOException | RuntimeException e) {
            fail(e);
            return true;
        }
        succeed(channel);
        return true;
    }

    @Override
    void clear() {
        // nothing held beyond the handler
    }
}
