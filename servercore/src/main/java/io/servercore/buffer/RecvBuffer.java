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
 * <p>Not thread-safe: owned by one session and touched only by the thread that completed its
 * read, which NIO.2 guarantees is one at a time.
 */
public final class RecvBuffer {
    private final ByteBuffer memory;
    private final ByteBuffer writeView;
    private final ByteBuffer readView;
    private int readPos;
    private int writePos;

    /** @param capacity bytes, at least the largest frame the session accepts */
    public RecvBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity=" + capacity + ", min=1");
        }
        memory = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        writeView = memory.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        readView = memory.duplicate().order(ByteOrder.LITTLE_ENDIAN);
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
