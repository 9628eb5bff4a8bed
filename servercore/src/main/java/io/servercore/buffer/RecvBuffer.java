package io.servercore.buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A session's receive buffer: one direct buffer with a read cursor and a write cursor.
 *
 * <pre>
 *  0            readPos          writePos              capacity
 *  |  consumed  |  received, not  |  free for the next   |
 *  |            |  yet consumed   |  read                |
 * </pre>
 *
 * A read lands at {@code writePos}; the framing layer consumes whole frames from
 * {@code readPos}. {@link #clean()} runs before each read: when everything was consumed both
 * cursors go back to 0 (no copy), otherwise the unconsumed tail of a frame is moved to the
 * front only when the free space has fallen below a quarter of the capacity, so copies stay
 * rare and short.
 *
 * <p>It starts small and grows on demand ({@link #ensureCapacity(int)}), up to a maximum that
 * holds the largest frame: NIO.2 needs a buffer in every pending read, so an idle session
 * holds its receive buffer all the time, and a small one is what keeps ten thousand idle
 * sessions cheap. A session that once received a large frame keeps the larger buffer.
 *
 * <p>Not thread-safe: owned by one session and touched only by the thread that completed its
 * read, which NIO.2 guarantees is one at a time.
 */
public final class RecvBuffer {
    private final int maxCapacity;
    private ByteBuffer memory;
    private ByteBuffer writeView;
    private ByteBuffer readView;
    private int readPos;
    private int writePos;

    /** A buffer of fixed {@code capacity}. */
    public RecvBuffer(int capacity) {
        this(capacity, capacity);
    }

    /**
     * @param initialCapacity bytes to start with, 1 or more
     * @param maxCapacity     bytes it may grow to, at least the largest frame the session accepts
     */
    public RecvBuffer(int initialCapacity, int maxCapacity) {
        if (initialCapacity < 1 || maxCapacity < initialCapacity) {
            throw new IllegalArgumentException("initialCapacity=" + initialCapacity + ", min=1, max=maxCapacity="
                    + maxCapacity);
        }
        this.maxCapacity = maxCapacity;
        allocate(initialCapacity);
    }

    private void allocate(int capacity) {
        memory = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        writeView = memory.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        readView = memory.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Grows, keeping the unconsumed bytes, so that at least {@code bytes} fit from the start of
     * the buffer (for a frame whose size is already known), and so that a full buffer has free
     * space again. Returns whether there is free space to read into; {@code false} only when the
     * buffer is full at its maximum capacity.
     */
    public boolean ensureCapacity(int bytes) {
        int needed = Math.max(bytes, freeSize() == 0 ? memory.capacity() + 1 : 0);
        if (needed > memory.capacity() && memory.capacity() < maxCapacity) {
            int grown = Math.min(maxCapacity, Math.max(needed, memory.capacity() * 2));
            ByteBuffer old = memory.duplicate();
            old.limit(writePos).position(readPos);
            allocate(grown);
            ByteBuffer dst = memory.duplicate();
            dst.put(old);
            writePos -= readPos;
            readPos = 0;
        }
        return freeSize() > 0;
    }

    /** The most this buffer may grow to. */
    public int maxCapacity() {
        return maxCapacity;
    }

    public int capacity() {
        return memory.capacity();
    }

    /** Bytes received and not yet consumed. */
    public int dataSize() {
        return writePos - readPos;
    }

    /** Bytes a read may still fill. */
    public int freeSize() {
        return memory.capacity() - writePos;
    }

    /** Resets or compacts the cursors before a read; see the class comment. */
    public void clean() {
        int dataSize = dataSize();
        if (dataSize == 0) {
            readPos = 0;
            writePos = 0;
        } else if (freeSize() < memory.capacity() / 4 || freeSize() == 0) {
            ByteBuffer src = memory.duplicate();
            src.limit(writePos).position(readPos);
            ByteBuffer dst = memory.duplicate();
            dst.position(0);
            dst.put(src);
            readPos = 0;
            writePos = dataSize;
        }
    }

    /**
     * The free space as a buffer to read into: position at the write cursor, limit at the
     * capacity. The same object is returned each time; do not keep it.
     */
    public ByteBuffer writeSegment() {
        writeView.limit(memory.capacity()).position(writePos);
        return writeView;
    }

    /**
     * The unconsumed bytes, little-endian: position at the read cursor, limit at the write
     * cursor. The same object is returned each time; do not keep it.
     */
    public ByteBuffer readSegment() {
        readView.limit(writePos).position(readPos);
        return readView;
    }

    /** Marks {@code bytes} more as received. */
    public void onWrite(int bytes) {
        if (bytes < 0 || bytes > freeSize()) {
            throw new IllegalArgumentException("written=" + bytes + ", min=0, max=" + freeSize());
        }
        writePos += bytes;
    }

    /** Marks {@code bytes} more as consumed. */
    public void onRead(int bytes) {
        if (bytes < 0 || bytes > dataSize()) {
            throw new IllegalArgumentException("consumed=" + bytes + ", min=0, max=" + dataSize());
        }
        readPos += bytes;
    }
}
