package io.servercore.transport;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.AcceptPendingException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * An {@link AsynchronousServerSocketChannel} over a non-blocking {@link ServerSocketChannel},
 * owned for life by one {@link EventLoop}; the channels it accepts are spread over the group's
 * loops in turn.
 *
 * <p>Threading: the public methods are for any thread; {@code closed} and {@code acceptKilled}
 * are volatile. The accept syscall and the registration run on the owning loop only;
 * {@code interest} belongs to the loop's thread. close() closes the socket at once and hands
 * the failing of a pending accept to the loop.
 */
final class LoopServerSocketChannel extends AsynchronousServerSocketChannel implements LoopChannel {
    static final Set<SocketOption<?>> OPTIONS = Set.of(StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR);
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(LoopServerSocketChannel.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final LoopGroup group;
    final EventLoop loop;
    final ServerSocketChannel socket;
    final Interest interest;
    private final AcceptOp acceptOp;
    private volatile boolean closed;
    private volatile boolean acceptKilled;

    private LoopServerSocketChannel(LoopGroup group, EventLoop loop, ServerSocketChannel socket) {
        super(group.provider());
        this.group = group;
        this.loop = loop;
        this.socket = socket;
        this.interest = new Interest(socket, this, loop);
        this.acceptOp = new AcceptOp(this);
    }

    static LoopServerSocketChannel open(LoopGroup group, EventLoop loop) throws IOException {
        ServerSocketChannel socket = ServerSocketChannel.open();
        try {
            socket.configureBlocking(false);
            LoopServerSocketChannel channel = new LoopServerSocketChannel(group, loop, socket);
            group.register(channel);
            return channel;
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public AsynchronousServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
        socket.bind(local, backlog);
        return this;
    }

    @Override
    public <A> void accept(A attachment, CompletionHandler<AsynchronousSocketChannel, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null");
        accept0(attachment, handler);
    }

    @Override
    public Future<AsynchronousSocketChannel> accept() {
        PendingFuture<AsynchronousSocketChannel> future = new PendingFuture<>(this, () -> acceptKilled = true);
        accept0(null, future);
        return future;
    }

    private void accept0(Object attachment, CompletionHandler<?, ?> handler) {
        if (closed) {
            loop.completeNow(new Completion(handler, attachment, null, new ClosedChannelException()));
            return;
        }
        if (acceptKilled) {
            throw new IllegalStateException("Accept not allowed after a cancelled accept");
        }
        if (socket.socket().getLocalSocketAddress() == null) {
            throw new NotYetBoundException();
        }
        if (!acceptOp.tryAcquire()) {
            throw new AcceptPendingException();
        }
        acceptOp.prepare(attachment, handler);
        acceptOp.submit();
    }

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_ACCEPT) != 0) {
            if (acceptOp.armed) {
                acceptOp.onAcceptable();
            } else {
                interest.remove(SelectionKey.OP_ACCEPT); // lazily: nobody is accepting
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        try {
            socket.close();
        } finally {
            if (!loop.post(this::onClosed)) {
                group.deregister(this);
            }
        }
    }

    @Override
    public void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // closed as far as it can be
        }
    }

    private void onClosed() {
        if (acceptOp.armed) {
            acceptOp.fail(new AsynchronousCloseException());
        }
        group.deregister(this);
    }

    Throwable closedOr(Throwable e) {
        if (!closed) {
            return e;
        }
        AsynchronousCloseException closedMeanwhile = new AsynchronousCloseException();
        closedMeanwhile.initCause(e);
        return closedMeanwhile;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public <T> AsynchronousServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        checkOption(name);
        socket.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        checkOption(name);
        return socket.getOption(name);
    }

    private static void checkOption(SocketOption<?> name) {
        Objects.requireNonNull(name, "name");
        if (!OPTIONS.contains(name)) {
            throw new UnsupportedOperationException("'" + name + "' not supported, supported: " + OPTIONS);
        }
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return OPTIONS;
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        return socket.getLocalAddress();
    }

    @Override
    public String toString() {
        return "LoopServerSocketChannel[" + (closed ? "closed" : socket.toString()) + " on " + loop + "]";
    }
}
