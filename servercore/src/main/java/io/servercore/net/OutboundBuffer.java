package io.servercore.net;

import io.servercore.buffer.SendBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jctools.queues.MpscChunkedArrayQueue;

/**
 * The outbound side of one {@link Session}, as Netty's {@code ChannelOutboundBuffer} is a
 * channel's: the slices handed to {@code send} and not yet written, the bytes they hold, the
 * gathering write in flight, the last word after which nothing is written, and the
 * writability that the byte count and the service's water marks decide.
 *
 * <p>Threading. The producer side ({@link #offer}, {@link #claimLastWord}, {@link #addBytes},
 * the getters) may be called from any thread: the queue is a JCTools MPSC queue and the counts
 * are atomic. The consumer side ({@link #fill}, {@link #inflight()}, {@link #releaseInflight},
 * {@link #releaseQueued}) belongs to whoever holds the session's write flag, or to its
 * reporter once no write can start again.
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

    private final Session session;
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
    /** The write in flight; consumer side only. */
    private final GatherBatch inflight = new GatherBatch();
    /** Whether the batch in flight ends with the last word; consumer side only. */
    private boolean endsWithLastWord;

    OutboundBuffer(Session session, ServiceConfig config) {
        this.session = session;
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
            session.writabilityChanged();
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
            session.writabilityChanged();
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
    int fill() {
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

    GatherBatch inflight() {
        return inflight;
    }

    /** Whether the write in flight ends with the last word. */
    boolean endsWithLastWord() {
        return endsWithLastWord;
    }

    /** Why the session closes after its last word; only once {@link #endsWithLastWord()}. */
    DisconnectReason lastWordReason() {
        return lastWord.reason;
    }

    /** Releases every slice of the write in flight, written or not, and returns its bytes. */
    long releaseInflight() {
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
        MpscChunkedArrayQueue<SendBuffer> made = new MpscChunkedArrayQueue<>(16, queueCapacity);
        return QUEUE.compareAndSet(this, null, made) ? made : queue;
    }
}
