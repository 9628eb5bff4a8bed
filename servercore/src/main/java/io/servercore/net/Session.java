package io.servercore.net;

import io.servercore.buffer.RecvBuffer;
import io.servercore.buffer.SendBuffer;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected peer: the course's Session, with its Recv, Send and Disconnect completion
 * handlers on an {@link AsynchronousSocketChannel}.
 *
 * <p>Subclass it (or {@link PacketSession}) and override the hooks: {@link #onConnected()},
 * {@link #onRecv(ByteBuffer)}, {@link #onSend(long)}, {@link #onWritabilityChanged(boolean)},
 * {@link #onDisconnected(DisconnectReason)}. A {@link Service} creates sessions through the
 * factory it was given.
 *
 * <p>Threading. The hooks run on I/O threads of the {@link IoCore}, never on a thread that
 * called {@code send} or {@code disconnect}. {@code onConnected} and {@code onRecv} run one at
 * a time (there is never more than one read in flight), so state they alone touch needs no
 * synchronisation. {@link #send(SendBuffer)}, {@link #sendLast}, {@link #disconnect(DisconnectReason)}
 * and the getters may be called from any thread at any time.
 *
 * <p>Life and its invariants:
 * <ul>
 * <li>One read and one write in flight: sends are queued, and whoever takes the write flag
 *     drains the queue into one gathering write of at most {@link #MAX_GATHER} buffers, finishes
 *     a partial write before anything else, then releases the slices and calls {@code onSend}.
 * <li>Disconnect once, report once, report late: {@code disconnect} is idempotent and closes
 *     the channel; {@code onDisconnected} runs exactly once, on an I/O thread, after the
 *     in-flight read and write completed, as a task of its own: never inside the stack of
 *     whoever closed the session or released its last operation (Netty's {@code AbstractUnsafe}
 *     fires such events later for the same reason).
 * <li>Every slice handed to {@code send} is released exactly once: after it was written, when
 *     the write failed, when it was refused, or at disconnect if it was still queued.
 * </ul>
 */
public abstract class Session {
    /** The most buffers one gathering write carries ({@code writev}'s IOV_MAX). */
    public static final int MAX_GATHER = 1024;

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    // ioState bits. READING is held from start until the read loop ends; WRITING is the
    // send flag, held by whoever drains the queue.
    private static final int READING = 1;
    private static final int WRITING = 2;
    private static final int CLOSED = 4;
    private static final int REPORTED = 8;

    private static final AtomicIntegerFieldUpdater<Session> IO_STATE =
            AtomicIntegerFieldUpdater.newUpdater(Session.class, "ioState");
    private static final AtomicReferenceFieldUpdater<Session, DisconnectReason> REASON =
            AtomicReferenceFieldUpdater.newUpdater(Session.class, DisconnectReason.class, "reason");
    private static final AtomicIntegerFieldUpdater<Session> FLUSH_DEFERRED =
            AtomicIntegerFieldUpdater.newUpdater(Session.class, "flushDeferred");

    private static final CompletionHandler<Integer, Session> READ_HANDLER = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytes, Session session) {
            session.readCompleted(bytes);
        }

        @Override
        public void failed(Throwable cause, Session session) {
            session.readFailed(cause);
        }
    };

    private volatile int ioState;
    private volatile DisconnectReason reason;
    /** 1 while this session waits in its core's deferred-flush queue. */
    private volatile int flushDeferred;
    private volatile long lastActivityNanos;

    private Service service;
    private AsynchronousSocketChannel channel;
    private long id;
    private String peer = "?";
    private RecvBuffer recvBuffer;
    private OutboundBuffer outbound;
    private boolean bytesAreActivity = true;
    /** The size of a frame whose start has arrived and whose end has not; receive path only. */
    int recvHint;
    /** Set before onConnected; read by the reporter after READING was cleared. */
    private boolean started;


    /** The id the service gave this session: positive, unique within the service. */
    public final long id() {
        return id;
    }

    /** The service this session belongs to. */
    public final Service service() {
        return service;
    }

    /** The peer's address as text, for log lines. */
    public final String peer() {
        return peer;
    }

    /** Whether {@code disconnect} has been called (the report may still be pending). */
    public final boolean isClosed() {
        return (ioState & CLOSED) != 0;
    }

    /** Why the session ended, or {@code null} while it is open. */
    public final DisconnectReason disconnectReason() {
        return reason;
    }

    /** Bytes handed to {@code send} and not yet written. */
    public final long queuedBytes() {
        return outbound.queuedBytes();
    }

    /**
     * Whether sends are welcome: false from the moment the bytes queued pass the service's
     * {@linkplain ServiceConfig#writeBufferHighWaterMark() high water mark} until they fall below
     * its low one, as Netty's {@code Channel.isWritable()}. Sends are still accepted while it is
     * false, up to the outbound limit; it is the signal to produce less.
     */
    public final boolean isWritable() {
        return outbound.isWritable();
    }

    /** Called once, on an I/O thread, before the first read is started. */
    protected void onConnected() {
    }

    /**
     * Called with the bytes received and not yet consumed, little-endian, from the buffer's
     * position to its limit. Returns how many of them it consumed; the rest is offered again,
     * with more behind it, after the next read. The buffer is valid only during the call.
     */
    protected abstract int onRecv(ByteBuffer data);

    /** Called after a gathering write of {@code bytes} bytes completed. */
    protected void onSend(long bytes) {
    }

    /**
     * Called when {@link #isWritable()} changed, with its new value. Reports run one at a time and
     * alternate; a flip and its flip back in quick succession may be reported as neither, so
     * the last value reported always matches {@code isWritable()} once the bytes settle. None is
     * reported once the session is closed. It runs on an I/O thread, possibly beside a receive
     * hook of the same session on another: keep what it touches thread-safe.
     */
    protected void onWritabilityChanged(boolean writable) {
    }

    /** Called exactly once, after the channel closed and every in-flight operation completed. */
    protected void onDisconnected(DisconnectReason reason) {
    }

    /**
     * Queues {@code slice} for writing and takes over one reference to it. On a closed session,
     * or past the outbound limit (which closes the session), the slice is released at once.
     *
     * @return whether the slice was queued
     */
    public final boolean send(SendBuffer slice) {
        if (isClosed() || outbound.hasLastWord()) {
            slice.release();
            return false;
        }
        return enqueue(slice);
    }

    private boolean enqueue(SendBuffer slice) {
        int size = slice.size();
        long queued = outbound.addBytes(size);
        long limit = service.config().outboundLimit();
        if (queued > limit) {
            refuse(slice, "queued=" + queued + " bytes, max=" + limit);
            return false;
        }
        if (!outbound.offer(slice)) {
            refuse(slice, "queued=" + outbound.queuedSlices() + " slices, max=" + service.config().sendQueueCapacity());
            return false;
        }
        if (!FlushBatch.defer(this)) {
            outbound.flush();
        }
        return true;
    }

    /**
     * Queues {@code slice} as the last packet this session writes, then closes it with
     * {@code why} once that packet is on the wire: for a last word such as a shutdown notice.
     * Packets queued before it are written first; anything sent after it, from any thread, is
     * released unwritten, so the peer sees the last word and then the close. A peer that does
     * not read is still cut by the outbound limit, and a later {@code disconnect} closes at once.
     *
     * <p>Of concurrent callers exactly one wins, and the close carries the winner's {@code why}.
     *
     * @return whether the slice was queued (not on a closed session, nor after another last word)
     */
    public final boolean sendLast(SendBuffer slice, DisconnectReason why) {
        if (why == null) {
            slice.release();
            throw new IllegalArgumentException("why=null: a last word needs the reason to close after it");
        }
        if (isClosed() || !outbound.claimLastWord(slice, why)) {
            slice.release();
            return false;
        }
        return enqueue(slice);
    }

    private void refuse(SendBuffer slice, String detail) {
        outbound.removeBytes(slice.size());
        slice.release();
        disconnect(DisconnectReason.OUTBOUND_LIMIT, detail);
    }

    /** Closes the session because the application asked to. */
    public final boolean disconnect() {
        return disconnect(DisconnectReason.LOCAL, null);
    }

    /** Closes the session; see {@link #disconnect(DisconnectReason, String)}. */
    public final boolean disconnect(DisconnectReason why) {
        return disconnect(why, null);
    }

    /**
     * Closes the session, once: the first call wins and returns {@code true}, later ones do
     * nothing. Safe from any thread, also while a read or write is in flight. A reason the
     * peer caused is logged at WARN with the peer and {@code detail}; others at DEBUG.
     */
    public final boolean disconnect(DisconnectReason why, String detail) {
        if (!REASON.compareAndSet(this, null, why)) {
            return false;
        }
        if (why.isPeerFault()) {
            log.warn("session {} {} closed: {}{}", id, peer, why.description(), detail == null ? "" : ": " + detail);
        } else if (log.isDebugEnabled()) {
            log.debug("session {} {} closed: {}{}", id, peer, why.description(), detail == null ? "" : ": " + detail);
        }
        int before = IO_STATE.getAndUpdate(this, s -> s | CLOSED);
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("session {} {}: close failed", id, peer, e);
        }
        if ((before & (READING | WRITING)) == 0) {
            endIo(0); // nothing in flight will complete and report
        }
        return true;
    }

    // ---- engine side -------------------------------------------------------------------

    final void attach(Service owner, AsynchronousSocketChannel ch, long sessionId) {
        ServiceConfig config = owner.config();
        service = owner;
        channel = ch;
        id = sessionId;
        // Stamped here, not at start: the idle sweep sees the session as soon as it is registered.
        markActive();
        recvBuffer = new RecvBuffer(config.recvBufferSize(), config.maxRecvBufferSize());
        outbound = new OutboundBuffer(this, ch, config);
        try {
            SocketAddress remote = ch.getRemoteAddress();
            peer = String.valueOf(remote);
        } catch (IOException e) {
            peer = "?";
        }
    }

    final void packetFraming() {
        bytesAreActivity = false;
    }

    final void markActive() {
        lastActivityNanos = System.nanoTime();
    }

    /** For tests: whether no read or write is in flight. */
    final boolean ioIdle() {
        return (ioState & (READING | WRITING)) == 0;
    }

    /** For tests: socket writes started so far; read it only once the session is quiet. */
    final long writeCalls() {
        return outbound.writeCalls();
    }

    final long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** For tests: the channel under this session. */
    final AsynchronousSocketChannel channel() {
        return channel;
    }

    /** Runs on the I/O thread that completed the accept or connect. */
    final void start() {
        for (;;) {
            int s = ioState;
            if ((s & CLOSED) != 0) {
                return; // closed before it started: the disconnect reports, onConnected never ran
            }
            if (IO_STATE.compareAndSet(this, s, s | READING)) {
                break;
            }
        }
        started = true;
        markActive();
        FlushBatch.enter();
        try {
            onConnected();
        } catch (Throwable t) {
            handlerFailed("onConnected", t);
        } finally {
            FlushBatch.exit();
        }
        receive();
    }

    private void receive() {
        if (isClosed()) {
            endIo(READING);
            return;
        }
        recvBuffer.clean();
        if (!recvBuffer.ensureCapacity(recvHint)) {
            disconnect(DisconnectReason.PROTOCOL_VIOLATION,
                    "receive buffer full: " + recvBuffer.dataSize() + " bytes unconsumed, capacity=" + recvBuffer.capacity());
            endIo(READING);
            return;
        }
        try {
            channel.read(recvBuffer.writeSegment(), this, READ_HANDLER);
        } catch (RuntimeException e) {
            disconnect(DisconnectReason.IO_ERROR, e.toString());
            endIo(READING);
        }
    }

    private void readCompleted(int bytes) {
        if (bytes < 0) {
            disconnect(DisconnectReason.PEER_CLOSED);
            endIo(READING);
            return;
        }
        service.stats().received(bytes);
        if (isClosed()) {
            endIo(READING);
            return;
        }
        recvBuffer.onWrite(bytes);
        if (bytesAreActivity) {
            markActive();
        }
        // Replies to this read go out in one write when it is handled; sends to others are deferred.
        FlushBatch batch = FlushBatch.current();
        Session outerReceiver = batch.receiver;
        boolean outerSent = batch.receiverSent;
        batch.receiver = this;
        batch.receiverSent = false;
        batch.open();
        try {
            int available = recvBuffer.dataSize();
            int consumed = onRecv(recvBuffer.readSegment());
            if (consumed < 0 || consumed > available) {
                handlerFailed("onRecv", new IllegalStateException(
                        "onRecv consumed=" + consumed + ", min=0, max=" + available));
            } else {
                recvBuffer.onRead(consumed);
            }
        } catch (Throwable t) {
            handlerFailed("onRecv", t);
        } finally {
            batch.leave();
            boolean replied = batch.receiverSent;
            batch.receiver = outerReceiver;
            batch.receiverSent = outerSent;
            if (replied) {
                outbound.flush();
            }
        }
        receive();
    }

    private void readFailed(Throwable cause) {
        disconnectOnFailure(cause);
        endIo(READING);
    }

    /** Asks the core to flush this session after the events at hand, once however often asked. */
    final void deferFlush() {
        if (FLUSH_DEFERRED.compareAndSet(this, 0, 1)) {
            service.core().deferFlush(this);
        }
    }

    /** Run by the core's deferred-flush task. */
    final void flushDeferred() {
        // Cleared first: a send after this either makes it into this flush or asks again.
        flushDeferred = 0;
        outbound.flush();
    }

    /** Runs the deferred flush of tests that drive the write path by hand. */
    final void flush() {
        outbound.flush();
    }

    /** The outbound side's end of a gathering write: calls {@code onSend}; holder of WRITING. */
    final void sent(long bytes) {
        try {
            onSend(bytes);
        } catch (Throwable t) {
            handlerFailed("onSend", t);
        }
    }

    /** Takes the write flag; false if another thread holds it. */
    final boolean tryBeginWrite() {
        for (;;) {
            int s = ioState;
            if ((s & WRITING) != 0) {
                return false;
            }
            if (IO_STATE.compareAndSet(this, s, s | WRITING)) {
                return true;
            }
        }
    }

    /** Drops the write flag; called by the outbound side, which held it. */
    final void endWrite() {
        endIo(WRITING);
    }

    /** Clears an in-flight bit; the one that leaves a closed session idle reports it. */
    private void endIo(int bit) {
        for (;;) {
            int s = ioState;
            int next = s & ~bit;
            boolean report = (next & (CLOSED | READING | WRITING | REPORTED)) == CLOSED;
            if (report) {
                next |= REPORTED;
            }
            if (IO_STATE.compareAndSet(this, s, next)) {
                if (report) {
                    // Its own task, wherever this runs: the thread that let go of the last bit may be
                    // a caller's (a shutdown's sendLast) or deep in a room's job.
                    service.core().executeOrRun(this::report);
                }
                return;
            }
        }
    }

    private void report() {
        // Slices queued after the last write; a sender holding the flag releases its own.
        outbound.flush();
        service.unregister(this);
        if (!started) {
            return;
        }
        try {
            onDisconnected(reason);
        } catch (Throwable t) {
            log.error("session {} {}: onDisconnected threw", id, peer, t);
        }
    }

    final void disconnectOnFailure(Throwable cause) {
        if (cause instanceof AsynchronousCloseException || cause instanceof ClosedChannelException) {
            disconnect(DisconnectReason.LOCAL); // someone closed it; their reason stands
        } else {
            disconnect(DisconnectReason.IO_ERROR, String.valueOf(cause.getMessage()));
        }
    }

    final void handlerFailed(String hook, Throwable t) {
        log.error("session {} {}: {} threw; closing the session", id, peer, hook, t);
        disconnect(DisconnectReason.HANDLER_ERROR, hook + " threw " + t);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(id=" + id + ", peer=" + peer + ")";
    }
}
