package io.servercore.net;

import io.servercore.buffer.SendBuffer;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The slices of one gathering write and the cursor through them: what a session has in
 * flight on its socket. Its arrays start small and grow to at most {@link Session#MAX_GATHER}
 * entries, so an idle session costs a few references, not a 1,024-slot array.
 *
 * <p>Not thread-safe: touched only by the holder of the session's write flag, through its
 * {@link OutboundBuffer}.
 */
final class GatherBatch {
    private SendBuffer[] slices = new SendBuffer[4];
    private ByteBuffer[] views = new ByteBuffer[4];
    private int count;
    private int offset;
    private long bytes;

    /** Starts an empty batch; the previous one must have been released. */
    void clear() {
        count = 0;
        offset = 0;
        bytes = 0;
    }

    /** Appends a slice; at most {@link Session#MAX_GATHER} per batch. */
    void add(SendBuffer slice) {
        int n = count;
        if (n == slices.length) {
            int grown = Math.min(Session.MAX_GATHER, n * 2);
            slices = Arrays.copyOf(slices, grown);
            views = Arrays.copyOf(views, grown);
        }
        slices[n] = slice;
        views[n] = slice.internalNioBuffer(); // its own cursor: a shared slice may be in flight elsewhere too
        bytes += slice.size();
        count = n + 1;
    }

    int count() {
        return count;
    }

    /** Skips the buffers a write finished; returns whether any bytes are left to write. */
    boolean advance() {
        while (offset < count && !views[offset].hasRemaining()) {
            offset++;
        }
        return offset < count;
    }

    ByteBuffer[] views() {
        return views;
    }

    /** Index of the first buffer with bytes left. */
    int offset() {
        return offset;
    }

    /** Number of buffers from {@link #offset()} on. */
    int remaining() {
        return count - offset;
    }

    /** Bytes in the whole batch. */
    long bytes() {
        return bytes;
    }

    /** Releases every slice of the batch, written or not, and empties it; returns its byte count. */
    long release() {
        for (int i = 0; i < count; i++) {
            slices[i].release();
            slices[i] = null;
            views[i] = null;
        }
        long released = bytes;
        clear();
        return released;
    }
}
