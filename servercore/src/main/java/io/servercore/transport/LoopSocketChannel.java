package io.servercore.transport;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.ReadPendingException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.channels.WritePendingException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An {@link AsynchronousSocketChannel} over a non-blocking {@link SocketChannel}, owned for
 * life by one {@link EventLoop}. The NIO.2 contract is kept: one pending read and one pending
 * write, a second throws at once and changes nothing; every accepted operation completes
 * exactly once, on the owning loop's thread, also on close, timeout and shutdownNow.
 *
 * <p>SO_LINGER is passed to the socket as it is; a positive linger time makes the socket's
 * final close(2) block the thread that does it for up to that time, and once the channel has
 * registered with its selector that thread is the loop's. Leave it unset, or use 0 (reset).
 *
 * <p>A timed-out read or write has moved no bytes (an operation completes as soon as its
 * syscall moves any), so unlike the JDK's channels this one stays usable after a timeout.
 *
 * <p>Threading: the public methods are for any thread. {@code closed}, {@code state} and the
 * shutdown/killed flags are volatile and written by callers. The underlying socket's reads,
 * writes, connect and registration happen only on the owning loop; options, addresses,
 * shutdownInput/Output and close go to the socket directly from the caller, which the JDK's
 * SocketChannel allows. {@code interest}, {@code readDrained} and {@code writeBlocked} belong to
 * the loop's thread. close() closes the socket at once and hands the failing of pending
 * operations to the loop, so no handler runs inside the caller's close().
 */
final class LoopSocketChannel extends AsynchronousSocketChannel implements LoopChannel {
    static final Set<SocketOption<?>> OPTIONS = Set.of(StandardSocketOptions.TCP_NODELAY,
            StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_KEEPALIVE,
            StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_LINGER);

    private static final int UNCONNECTED = 0;
    private static final int CONNECTING = 1;
    private static final int CONNECTED = 2;
    private static final VarHandle STATE;
    private static final VarHandle CLOSED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(LoopSocketChannel.class, "state", int.class);
            CLOSED = lookup.findVarHandle(LoopSocketChannel.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final LoopGroup group;
    final EventLoop loop;
    final SocketChannel socket;
    final Interest interest;
    final ReadOp readOp;
    final WriteOp writeOp;
    private final ConnectOp connectOp;
    private volatile int state;
    private volatile boolean closed;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;
    private volatile boolean readKilled;
    private volatile boolean writeKilled;

    // Loop thread only.
    /** The last read left the receive queue empty; see ReadOp. */
    boolean readDrained = true;
    /** The last write found the send buffer full; see WriteOp. */
    boolean writeBlocked;

    private LoopSocketChannel(LoopGroup group, EventLoop loop, SocketChannel socket, int state) {
        super(group.provider());
        this.group = group;
        this.loop = loop;
        this.socket = socket;
        this.interest = new Interest(socket, this, loop);
        this.state = state;
        this.readOp = new ReadOp(this);
        this.writeOp = new WriteOp(this);
        this.connectOp = new ConnectOp(this);
    }

    /** A new unconnected channel on {@code loop}. */
    static LoopSocketChannel open(LoopGroup group, EventLoop loop) throws IOException {
        return register(group, loop, SocketChannel.open(), UNCONNECTED);
    }

    /** The channel of an accepted connection, on the group's next loop in turn. */
    static LoopSocketChannel accepted(LoopGroup group, SocketChannel socket) throws IOException {
        return register(group, group.loopForAccepted(), socket, CONNECTED);
    }

    private static LoopSocketChannel register(LoopGroup group, EventLoop loop, SocketChannel socket, int state)
            throws IOException {
        try {
            socket.configureBlocking(false);
            LoopSocketChannel channel = new LoopSocketChannel(group, loop, socket, state);
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

    // ---- reads

    @Override
    public <A> void read(ByteBuffer dst, long timeout, TimeUnit unit, A attachment,
                         CompletionHandler<Integer, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null");
        checkWritable(dst);
        read(dst, null, 0, 0, timeout, unit, attachment, handler);
    }

    @Override
    public Future<Integer> read(ByteBuffer dst) {
        checkWritable(dst);
        PendingFuture<Integer> future = new PendingFuture<>(this, () -> readKilled = true);
        read(dst, null, 0, 0, 0, null, null, future);
        return future;
    }

    @Override
    public <A> void read(ByteBuffer[] dsts, int offset, int length, long timeout, TimeUnit unit, A attachment,
                         CompletionHandler<Long, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null");
        Objects.checkFromIndexSize(offset, length, dsts.length);
        for (int i = offset; i < offset + length; i++) {
            checkWritable(dsts[i]);
        }
        read(null, dsts, offset, length, timeout, unit, attachment, handler);
    }

    private static void checkWritable(ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("Read-only buffer");
        }
    }

    private void read(ByteBuffer dst, ByteBuffer[] dsts, int offset, int length, long timeout, TimeUnit unit,
                      Object attachment, CompletionHandler<?, ?> handler) {
        if (closed) {
            completeNow(handler, attachment, null, new ClosedChannelException());
            return;
        }
        if (state != CONNECTED) {
            throw new NotYetConnectedException();
        }
        if (readKilled) {
            throw new IllegalStateException("Reading not allowed after a cancelled read");
        }
        boolean scattering = dsts != null;
        boolean hasSpace = scattering ? Buffers.hasRemaining(dsts, offset, length) : dst.hasRemaining();
        if (inputShutdown || !hasSpace) {
            if (readOp.isPending()) {
                throw new ReadPendingException();
            }
            completeNow(handler, attachment, count(scattering, inputShutdown ? -1 : 0), null);
            return;
        }
        if (!readOp.tryAcquire()) {
            throw new ReadPendingException();
        }
        readOp.prepare(dst, dsts, offset, length, attachment, handler, timeout, unit);
        readOp.submit();
    }

    // ---- writes

    @Override
    public <A> void write(ByteBuffer src, long timeout, TimeUnit unit, A attachment,
                          CompletionHandler<Integer, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null");
        write(src, null, 0, 0, timeout, unit, attachment, handler);
    }

    @Override
    public Future<Integer> write(ByteBuffer src) {
        PendingFuture<Integer> future = new PendingFuture<>(this, () -> writeKilled = true);
        write(src, null, 0, 0, 0, null, null, future);
        return future;
    }

    @Override
    public <A> void write(ByteBuffer[] srcs, int offset, int length, long timeout, TimeUnit unit, A attachment,
                          CompletionHandler<Long, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null");
        Objects.checkFromIndexSize(offset, length, srcs.length);
        write(null, srcs, offset, length, timeout, unit, attachment, handler);
    }

    private void write(ByteBuffer src, ByteBuffer[] srcs, int offset, int length, long timeout, TimeUnit unit,
                       Object attachment, CompletionHandler<?, ?> handler) {
        boolean gathering = srcs != null;
        boolean hasData = gathering ? Buffers.hasRemaining(srcs, offset, length) : src.hasRemaining();
        if (closed) {
            completeNow(handler, attachment, null, new ClosedChannelException());
            return;
        }
        if (state != CONNECTED) {
            throw new NotYetConnectedException();
        }
        if (writeKilled) {
            throw new IllegalStateException("Writing not allowed after a cancelled write");
        }
        if (outputShutdown || !hasData) {
            if (writeOp.isPending()) {
                throw new WritePendingException();
            }
            if (outputShutdown) {
                completeNow(handler, attachment, null, new ClosedChannelException());
            } else {
                completeNow(handler, attachment, count(gathering, 0), null);
            }
            return;
        }
        if (!writeOp.tryAcquire()) {
            throw new WritePendingException();
        }
        writeOp.prepare(src, srcs, offset, length, attachment, handler, timeout, unit);
        writeOp.submit();
    }

    // ---- connect

    @Override
    public <A> void connect(SocketAddress remote, A attachment, CompletionHandler<Void, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null");
        connect0(remote, attachment, handler);
    }

    @Override
    public Future<Void> connect(SocketAddress remote) {
        PendingFuture<Void> future = new PendingFuture<>(this, () -> {
            readKilled = true; // the connection may be established: its state is unknown
            writeKilled = true;
        });
        connect0(remote, null, future);
        return future;
    }

    private void connect0(SocketAddress remote, Object attachment, CompletionHandler<?, ?> handler) {
        if (closed) {
            completeNow(handler, attachment, null, new ClosedChannelException());
            return;
        }
        InetSocketAddress address = checkAddress(remote);
        if (!STATE.compareAndSet(this, UNCONNECTED, CONNECTING)) {
            if (state == CONNECTED) {
                throw new AlreadyConnectedException();
            }
            throw new ConnectionPendingException();
        }
        // One connect per channel ever: the state CAS above is its pending flag.
        if (!connectOp.tryAcquire()) {
            throw new ConnectionPendingException();
        }
        connectOp.prepare(address, attachment, handler);
        connectOp.submit();
    }

    private static InetSocketAddress checkAddress(SocketAddress remote) {
        Objects.requireNonNull(remote, "remote");
        if (!(remote instanceof InetSocketAddress)) {
            throw new UnsupportedAddressTypeException();
        }
        InetSocketAddress address = (InetSocketAddress) remote;
        if (address.isUnresolved()) {
            throw new UnresolvedAddressException();
        }
        return address;
    }

    /** Loop: the connect succeeded; reads and writes may start. */
    void markConnected() {
        state = CONNECTED;
    }

    // ---- readiness, close

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
            connectOp.onConnectable();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            readDrained = false;
            if (readOp.armed) {
                readOp.onReadable();
            } else {
                interest.remove(SelectionKey.OP_READ); // lazily: nobody is reading
            }
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            writeBlocked = false;
            if (writeOp.armed) {
                writeOp.onWritable();
            }
            if (!writeOp.armed) {
                interest.remove(SelectionKey.OP_WRITE);
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
                group.deregister(this); // unreachable while registered; keeps the group's count right
            }
        }
    }

    @Override
    public void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // the socket is closed as far as it can be
        }
    }

    /** Loop: fails what was waiting, then leaves the group. */
    private void onClosed() {
        if (readOp.armed) {
            readOp.fail(new AsynchronousCloseException());
        }
        if (writeOp.armed) {
            writeOp.fail(new AsynchronousCloseException());
        }
        if (connectOp.armed) {
            connectOp.fail(new AsynchronousCloseException());
        }
        group.deregister(this);
    }

    /** The exception an operation fails with: AsynchronousCloseException if we were closed. */
    Throwable closedOr(Throwable e) {
        if (!closed) {
            return e;
        }
        AsynchronousCloseException closedMeanwhile = new AsynchronousCloseException();
        closedMeanwhile.initCause(e);
        return closedMeanwhile;
    }

    /** A byte count as the handler expects it: Long for scattering and gathering, else Integer. */
    private static Object count(boolean wide, long n) {
        if (wide) {
            return n;
        }
        return (int) n;
    }

    private void completeNow(CompletionHandler<?, ?> handler, Object attachment, Object result, Throwable failure) {
        loop.completeNow(new Completion(handler, attachment, result, failure));
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    // ---- addresses, options, shutdown: straight to the socket

    @Override
    public AsynchronousSocketChannel bind(SocketAddress local) throws IOException {
        socket.bind(local);
        return this;
    }

    @Override
    public <T> AsynchronousSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
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
    public AsynchronousSocketChannel shutdownInput() throws IOException {
        checkConnectedAndOpen();
        socket.shutdownInput();
        inputShutdown = true;
        return this;
    }

    @Override
    public AsynchronousSocketChannel shutdownOutput() throws IOException {
        checkConnectedAndOpen();
        socket.shutdownOutput();
        outputShutdown = true;
        return this;
    }

    private void checkConnectedAndOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (state != CONNECTED) {
            throw new NotYetConnectedException();
        }
    }

    @Override
    public SocketAddress getRemoteAddress() throws IOException {
        return socket.getRemoteAddress();
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        return socket.getLocalAddress();
    }

    @Override
    public String toString() {
        return "LoopSocketChannel[" + (closed ? "closed" : socket.toString()) + " on " + loop + "]";
    }
}
