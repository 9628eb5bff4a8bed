package io.servercore.net;

import io.servercore.buffer.SendBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jctools.queues.MpscChunkedArrayQueue;

/**
 * The outbound side of one {@link Session}, as Netty's {@code ChannelOutboundBuffer} and the
 * flush of its {@code AbstractUnsafe} are a channel's: the slices handed to {@code send} and not
 * yet written, the bytes they hold, the gathering write in flight and its completion, the last
 * word after which nothing is written, and the writability that the byte count and the
 * service's water marks decide.
 *
 * <p>The write path. {@link #flush()} takes the session's write flag (one write in flight per
 * channel) and gathers up to {@link Session#MAX_GATHER} queued slices into one write; a partial
 * write is finished before anything else; only then are the slices released and
 * {@code onSend} called, and the queue is looked at again before the flag is dropped, so a
 * send racing with the end of a write is never stranded.
 *
 * <p>Threading. The producer side ({@link #offer}, {@link #claimLastWord}, {@link #addBytes},
 * {@link #flush()}, the getters) may be called from any thread: the queue is a JCTools MPSC
 * queue and the counts are atomic. Everything else (the batch in flight, the write calls)
 * belongs to whoever holds the session's write flag, or to its reporter once no write can
 * start again; the flag's CAS hands it from one holder to the next.
 */
final class OutboundBuffer {
    /** The last packet a session writes and why it closes after it: set once, by one CAS. */
    static final class LastWord {
        final SendBuffer slice;
        final DisconnectReason reason;

        LastWord(SendBuffer slice, DisconnectReason reason) {
            this.slice = slice;
            this.reason = reason;
        }
    }

    private static final CompletionHandler<Long, OutboundBuffer> WRITE_HANDLER = new CompletionHandler<>() {
        @Override
        public void completed(Long bytes, OutboundBuffer outbound) {
            outbound.writeCompleted();
        }

        @Override
        public void failed(Throwable cause, OutboundBuffer outbound) {
            outbound.writeFailed(cause);
        }
    };

    /** Slots per chunk of the send queue. */
    private static final int CHUNK = 64;

    /** What the consumer side sees before the first send: always empty. */
    private static final Queue<SendBuffer> NO_SENDS = new ArrayDeque<>(1);
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<OutboundBuffer, MpscChunkedArrayQueue> QUEUE =
            AtomicReferenceFieldUpdater.newUpdater(OutboundBuffer.class, MpscChunkedArrayQueue.class, "queue");
    private static final AtomicReferenceFieldUpdater<OutboundBuffer, LastWord> LAST_WORD =
            AtomicReferenceFieldUpdater.newUpdater(OutboundBuffer.class, LastWord.class, "lastWord");
    private static final AtomicLongFieldUpdater<OutboundBuffer> QUEUED_BYTES =
            AtomicLongFieldUpdater.newUpdater(OutboundBuffer.class, "queuedBytes");
    private static final AtomicIntegerFieldUpdater<OutboundBuffer> UNWRITABLE =
            AtomicIntegerFieldUpdater.newUpdater(OutboundBuffer.class, "unwritable");
    private static final AtomicIntegerFieldUpdater<OutboundBuffer> WRITABILITY_QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(OutboundBuffer.class, "writabilityQueued");

    private final Session session;
    private final AsynchronousSocketChannel channel;
    private final Runnable writeOnIoThread = this::writeQueued;
    private final int queueCapacity;
    private final long highWaterMark;
    private final long lowWaterMark;
    /** Made by the first send: a padded JCTools queue is hundreds of bytes an idle session need not hold. */
    private volatile MpscChunkedArrayQueue<SendBuffer> queue;
    private volatile LastWord lastWord;
    /** Bytes handed to send and not yet released, the write in flight included. */
    private volatile long queuedBytes;
    /** 1 from crossing the high water mark until dropping below the low one. */
    private volatile int unwritable;
    /** 1 while a writability report is queued or running; one at a time keeps them in order. */
    private volatile int writabilityQueued;
    /** What onWritabilityChanged last said; touched only by the one writability report running. */
    private boolean reportedWritable = true;
    /** The write in flight; consumer side only. */
    private final GatherBatch inflight = new GatherBatch();
    /** Whether the batch in flight ends with the last word; consumer side only. */
    private boolean endsWithLastWord;
    /** Socket writes started, partial-write continuations included; consumer side only. */
    private long writeCalls;

    OutboundBuffer(Session session, AsynchronousSocketChannel channel, ServiceConfig config) {
        this.session = session;
        this.channel = channel;
        this.queueCapacity = config.sendQueueCapacity();
        this.highWaterMark = config.writeBufferHighWaterMark();
        this.lowWaterMark = config.writeBufferLowWaterMark();
    }

    // ---- producer side (any thread) ------------------------------------------------------

    /**
     * Counts {@code size} more queued bytes and returns the new total; crossing the high water
     * mark makes the buffer unwritable and tells the session.
     */
    long addBytes(int size) {
        long total = QUEUED_BYTES.addAndGet(this, size);
        if (total > highWaterMark && unwritable == 0 && UNWRITABLE.compareAndSet(this, 0, 1)) {
            writabilityChanged();
        }
        return total;
    }

    /**
     * Takes back bytes counted by {@link #addBytes}, written or dropped; falling below the low
     * water mark makes the buffer writable again and tells the session.
     */
    void removeBytes(long size) {
        long total = QUEUED_BYTES.addAndGet(this, -size);
        if (total < lowWaterMark && unwritable == 1 && UNWRITABLE.compareAndSet(this, 1, 0)) {
            writabilityChanged();
        }
    }

    /** Queues a slice whose bytes were counted; false when the queue is at its slice limit. */
    boolean offer(SendBuffer slice) {
        MpscChunkedArrayQueue<SendBuffer> q = queue;
        if (q == null) {
            q = createQueue();
        }
        return q.offer(slice);
    }

    /** Slices queued and not yet taken into a write. */
    int queuedSlices() {
        Queue<SendBuffer> q = queue;
        return q == null ? 0 : q.size();
    }

    /** Makes {@code slice} the last word; false if there already is one. */
    boolean claimLastWord(SendBuffer slice, DisconnectReason reason) {
        return lastWord == null && LAST_WORD.compareAndSet(this, null, new LastWord(slice, reason));
    }

    boolean hasLastWord() {
        return lastWord != null;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    boolean isWritable() {
        return unwritable == 0;
    }

    boolean isEmpty() {
        return consumerView().isEmpty();
    }

    // ---- consumer side (holder of the write flag) ----------------------------------------

    /**
     * Moves up to {@link Session#MAX_GATHER} queued slices into the write in flight and returns
     * how many. Stops after the last word whenever it comes up, also when it was claimed while
     * this fill was under way: nothing queued behind it is ever written.
     */
    private int fill() {
        GatherBatch batch = inflight;
        Queue<SendBuffer> q = consumerView();
        batch.clear();
        endsWithLastWord = false;
        SendBuffer slice;
        while (batch.count() < Session.MAX_GATHER && (slice = q.poll()) != null) {
            batch.add(slice);
            // Read per slice: a slice polled here was offered after its claim, if it is the last word.
            LastWord word = lastWord;
            if (word != null && word.slice == slice) {
                endsWithLastWord = true;
                break;
            }
        }
        return batch.count();
    }

    /** Releases every slice of the write in flight, written or not, and returns its bytes. */
    private long releaseInflight() {
        long bytes = inflight.release();
        if (bytes > 0) {
            removeBytes(bytes);
        }
        return bytes;
    }

    /** Releases every slice still queued, unwritten. */
    void releaseQueued() {
        Queue<SendBuffer> q = consumerView();
        long bytes = 0;
        SendBuffer slice;
        while ((slice = q.poll()) != null) {
            bytes += slice.size();
            slice.release();
        }
        if (bytes > 0) {
            removeBytes(bytes);
        }
    }

    private Queue<SendBuffer> consumerView() {
        Queue<SendBuffer> q = queue;
        return q != null ? q : NO_SENDS;
    }

    @SuppressWarnings("unchecked")
    private MpscChunkedArrayQueue<SendBuffer> createQueue() {
        // The queue links a new chunk each time the producer crosses one: 64 slots make that one
        // small allocation per 64 sends, where 16 made it one per read of a busy echo session.
        MpscChunkedArrayQueue<SendBuffer> made =
                new MpscChunkedArrayQueue<>(Math.min(CHUNK, queueCapacity / 2), queueCapacity);
        return QUEUE.compareAndSet(this, null, made) ? made : queue;
    }

    // ---- writability reports ---------------------------------------------------------

    /** The writability flipped; any thread. Reports it from an I/O thread, one report at a time. */
    private void writabilityChanged() {
        if (WRITABILITY_QUEUED.compareAndSet(this, 0, 1)) {
            try {
                session.service().core().execute(this::reportWritability);
            } catch (RejectedExecutionException shutDown) {
                writabilityQueued = 0; // no I/O thread left to report on, and nobody to tell
            }
        }
    }

    /** One at a time (the queued flag): reports the current writability if it differs from the last report. */
    private void reportWritability() {
        for (;;) {
            boolean writable = isWritable();
            if (writable != reportedWritable && !session.isClosed()) {
                reportedWritable = writable;
                try {
                    session.onWritabilityChanged(writable);
                } catch (Throwable t) {
                    session.handlerFailed("onWritabilityChanged", t);
                }
            }
            writabilityQueued = 0;
            // A flip that found the flag still set left its report to this run: look once more.
            if (session.isClosed() || isWritable() == reportedWritable
                    || !WRITABILITY_QUEUED.compareAndSet(this, 0, 1)) {
                return;
            }
        }
    }

    // ---- the write path ------------------------------------------------------------------

    /** Takes the write flag and starts a write of what is queued; any thread, never throws. */
    void flush() {
        for (;;) {
            if (!session.tryBeginWrite()) {
                return; // the holder looks at the queue again before it lets go
            }
            IoCore core = session.service().core();
            if (session.isClosed()) {
                releaseQueued();
                session.endWrite();
            } else if (isEmpty()) {
                session.endWrite();
            } else if (core.writesFromAnyThread() || IoCore.isIoThread()) {
                writeQueued();
                return;
            } else {
                try {
                    core.execute(writeOnIoThread);
                    return;
                } catch (RuntimeException rejected) {
                    session.disconnect(DisconnectReason.SHUTDOWN, "no I/O thread to write on");
                    releaseQueued();
                    session.endWrite();
                }
            }
            if (isEmpty()) {
                return;
            }
        }
    }

    /** Socket writes started so far; read it only once the session is quiet. */
    long writeCalls() {
        return writeCalls;
    }

    /** Holder of the write flag only: gathers the queue into one write, or lets the flag go. */
    private void writeQueued() {
        if (!session.isClosed() && fill() > 0) {
            startWrite();
            return;
        }
        if (session.isClosed()) {
            releaseQueued();
        }
        session.endWrite();
        if (!isEmpty()) {
            flush();
        }
    }

    private void startWrite() {
        writeCalls++;
        GatherBatch batch = inflight;
        try {
            channel.write(batch.views(), batch.offset(), batch.remaining(), 0L, TimeUnit.MILLISECONDS, this,
                    WRITE_HANDLER);
        } catch (RuntimeException e) {
            writeFailed(e);
        }
    }

    private void writeCompleted() {
        if (inflight.advance()) {
            if (session.isClosed()) {
                writeFailed(new AsynchronousCloseException());
            } else {
                startWrite(); // the rest of a partial write goes before anything else
            }
            return;
        }
        session.service().stats().written(inflight.count(), inflight.bytes());
        boolean saidLastWord = endsWithLastWord;
        session.sent(releaseInflight());
        if (saidLastWord) {
            session.disconnect(lastWord.reason, "after its last packet");
        }
        writeQueued();
    }

    private void writeFailed(Throwable cause) {
        releaseInflight();
        session.disconnectOnFailure(cause);
        releaseQueued();
        session.endWrite();
        if (!isEmpty()) {
            flush();
        }
    }
}
