package io.servercore.buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One large direct buffer that {@link SendBufferManager} cuts into {@link SendBuffer} slices.
 *
 * <p>A chunk is open on exactly one thread at a time (the manager's thread-local), which is
 * the only thread that moves {@link #used}. Its life is counted in {@link #state}: bit 0 is
 * the owning thread's hold, and every live slice adds {@link #SLICE}. The chunk goes back to
 * the pool when the count reaches zero, which happens exactly once per lease, on whichever
 * thread drops the last hold: the owner retiring it or the release of its last slice.
 */
final class SendBufferChunk {
    private static final int OWNER = 1;
    private static final int SLICE = 2;
    private static final AtomicIntegerFieldUpdater<SendBufferChunk> STATE =
            AtomicIntegerFieldUpdater.newUpdater(SendBufferChunk.class, "state");

    private final SendBufferManager manager;
    private final ByteBuffer memory;
    private volatile int state;
    /** Bytes already cut; touched only by the owning thread. */
    private int used;

    SendBufferChunk(SendBufferManager manager, ByteBuffer memory) {
        this.manager = manager;
        this.memory = memory.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Called by the owning thread when it takes the chunk from the pool. */
    void lease() {
        used = 0;
        STATE.set(this, OWNER);
    }

    SendBufferManager manager() {
        return manager;
    }

    int capacity() {
        return memory.capacity();
    }

    int free() {
        return memory.capacity() - used;
    }

    /** A writable little-endian view of the free space, limited to {@code reserve} bytes. */
    ByteBuffer openView(int reserve) {
        // One object per packet: slice(index, length) needs no duplicate to move a cursor on.
        return memory.slice(used, reserve).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Cuts {@code length} bytes at the cursor into a slice; owner thread only. */
    SendBuffer cut(int length) {
        ByteBuffer bytes = memory.slice(used, length).order(ByteOrder.LITTLE_ENDIAN);
        used += length;
        int before = STATE.getAndAdd(this, SLICE);
        if (before < SLICE) {
            manager.chunkGainedSlices();
        }
        SendBuffer slice = new SendBuffer(this, bytes);
        slice.origin = manager.track(slice);
        return slice;
    }

    /** Moves the cursor past {@code length} bytes that are never cut: an abandoned claim's. */
    void skip(int length) {
        used += length;
    }

    /** Drops one slice's hold; any thread. */
    void releaseSlice() {
        int after = STATE.addAndGet(this, -SLICE);
        if (after < SLICE) {
            manager.chunkLostSlices();
        }
        if (after == 0) {
            manager.recycle(this);
        }
    }

    /** Drops the owning thread's hold when it moves to a fresh chunk. */
    void retire() {
        if (STATE.addAndGet(this, -OWNER) == 0) {
            manager.recycle(this);
        }
    }
}
