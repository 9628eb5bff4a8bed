package io.servercore.buffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A reference-counted slice of a pooled {@link SendBufferChunk}: the bytes of one or more
 * encoded packets, ready to be written to any number of sessions.
 *
 * <p>Reference counting follows Netty's contract. The count starts at 1; {@link #retain()}
 * adds one, {@link #release()} takes one and says whether that freed the slice. Handing a
 * slice to {@code Session.send} hands over one reference. A broadcast encodes a packet once,
 * retains the slice once per extra receiver and sends it to each.
 *
 * <p>Thread safety: {@code retain}, {@code release} and {@link #nioBuffer()} may be called
 * from any thread. The bytes are immutable once the slice is cut; every writer reads them
 * through its own {@link #nioBuffer()} view, so one slice can be in flight on many channels.
 */
public final class SendBuffer {
    private static final AtomicIntegerFieldUpdater<SendBuffer> REF_CNT =
            AtomicIntegerFieldUpdater.newUpdater(SendBuffer.class, "refCnt");

    private final SendBufferChunk chunk;
    private final ByteBuffer bytes;
    private volatile int refCnt = 1;
    /** Where this slice was cut, when the manager runs with leak detection; set once by the cutter. */
    Throwable origin;

    SendBuffer(SendBufferChunk chunk, ByteBuffer bytes) {
        this.chunk = chunk;
        this.bytes = bytes;
    }

    /** Number of readable bytes. */
    public int size() {
        return bytes.capacity();
    }

    /** The current reference count; for tests and diagnostics. */
    public int refCnt() {
        return refCnt;
    }

    /**
     * A fresh read-only-by-contract view of the bytes (position 0, limit {@link #size()}).
     * Each call returns a new object so that concurrent writers do not share cursors.
     */
    public ByteBuffer nioBuffer() {
        return bytes.duplicate();
    }

    /**
     * A view of the bytes (position 0, limit {@link #size()}) whose cursor the caller may move,
     * as Netty's {@code internalNioBuffer}: the slice's own view when the caller holds its only
     * reference (no one else can read through it, and it is never used again once released),
     * else a fresh {@link #nioBuffer()}. For writers that consume the view and then release the
     * slice; saves a buffer object per packet that is sent to one session.
     */
    public ByteBuffer internalNioBuffer() {
        return refCnt == 1 ? bytes.clear() : bytes.duplicate();
    }

    /** Adds one reference. */
    public SendBuffer retain() {
        return retain(1);
    }

    /** Adds {@code increment} references, for a broadcast to {@code increment} more receivers. */
    public SendBuffer retain(int increment) {
        if (increment <= 0) {
            throw new IllegalArgumentException("increment=" + increment + ", min=1");
        }
        for (;;) {
            int current = refCnt;
            if (current <= 0 || current + increment < current) {
                throw new IllegalReferenceCountException(current, increment);
            }
            if (REF_CNT.compareAndSet(this, current, current + increment)) {
                return this;
            }
        }
    }

    /**
     * Drops one reference.
     *
     * @return {@code true} if this freed the slice and its bytes went back to the chunk
     * @throws IllegalReferenceCountException if the slice was already freed
     */
    public boolean release() {
        for (;;) {
            int current = refCnt;
            if (current <= 0) {
                throw new IllegalReferenceCountException(current, -1);
            }
            if (REF_CNT.compareAndSet(this, current, current - 1)) {
                if (current == 1) {
                    chunk.manager().untrack(this);
                    chunk.releaseSlice();
                    return true;
                }
                return false;
            }
        }
    }

    @Override
    public String toString() {
        return "SendBuffer(size=" + size() + ", refCnt=" + refCnt + ")";
    }
}
