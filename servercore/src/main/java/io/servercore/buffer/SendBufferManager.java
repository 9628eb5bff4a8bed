package io.servercore.buffer;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MpmcArrayQueue;

/**
 * The pool that packets are encoded into: large direct chunks, one open chunk per thread,
 * cut into reference-counted {@link SendBuffer} slices.
 *
 * <p>Encoding a packet is two calls on one thread with nothing in between:
 * <pre>{@code
 * ByteBuffer out = pool.open(reserve);   // little-endian, position 0, limit reserve
 * out.putShort(...); ...
 * SendBuffer slice = pool.close(out.position());
 * }</pre>
 * Because the open chunk is thread-local, {@code open}/{@code close} take no lock and touch
 * no shared cursor. A chunk goes back to the pool when its thread has moved on to a fresh
 * chunk and the last slice cut from it has been released.
 *
 * <p>Thread safety: every method may be called from any thread; {@code open} and
 * {@code close} pair up per thread. A chunk left open by a thread that dies is reclaimed by
 * the garbage collector instead of the pool, and is not counted as outstanding unless
 * slices of it are still alive.
 *
 * <p>Accounting: {@link #outstandingSlices()} and {@link #outstandingChunks()} count what is
 * alive; tests end by checking both are zero. With leak detection on (constructor flag, or
 * {@code -Dservercore.leakDetection=true} for the {@linkplain #shared() shared} pool) every
 * slice remembers the stack that cut it and {@link #leakReport(int)} names the code that
 * acquired a slice nobody released.
 */
public final class SendBufferManager {
    /** Chunk size of the shared pool: room for several maximum-size (65,535 byte) frames. */
    public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;
    /** Chunks the shared pool keeps for reuse; more are left to the garbage collector. */
    public static final int DEFAULT_MAX_POOLED_CHUNKS = 256;
    /** System property that turns leak detection on for the shared pool. */
    public static final String LEAK_DETECTION_PROPERTY = "servercore.leakDetection";

    private static final SendBufferManager SHARED = new SendBufferManager(
            DEFAULT_CHUNK_SIZE, DEFAULT_MAX_POOLED_CHUNKS, Boolean.getBoolean(LEAK_DETECTION_PROPERTY));

    private final int chunkSize;
    private final boolean leakDetection;
    private final MpmcArrayQueue<SendBufferChunk> pooled;
    private final ThreadLocal<OpenChunk> local = ThreadLocal.withInitial(OpenChunk::new);
    private final LongAdder liveSlices = new LongAdder();
    private final LongAdder chunksWithSlices = new LongAdder();
    private final LongAdder chunksAllocated = new LongAdder();
    private final Set<SendBuffer> tracked;

    /**
     * @param chunkSize       bytes per chunk, and so the largest {@code reserve}: 4,096 to 2^30
     * @param maxPooledChunks free chunks kept for reuse: 1 or more
     * @param leakDetection   record where every slice was cut (costs a stack trace per slice)
     */
    public SendBufferManager(int chunkSize, int maxPooledChunks, boolean leakDetection) {
        if (chunkSize < 4096 || chunkSize > (1 << 30)) {
            throw new IllegalArgumentException("chunkSize=" + chunkSize + ", min=4096, max=" + (1 << 30));
        }
        if (maxPooledChunks < 1) {
            throw new IllegalArgumentException("maxPooledChunks=" + maxPooledChunks + ", min=1");
        }
        this.chunkSize = chunkSize;
        this.leakDetection = leakDetection;
        this.pooled = new MpmcArrayQueue<>(Math.max(2, maxPooledChunks));
        this.tracked = leakDetection ? ConcurrentHashMap.newKeySet() : null;
    }

    /** The process-wide pool that sessions use unless given another. */
    public static SendBufferManager shared() {
        return SHARED;
    }

    /** The largest number of bytes one {@link #open(int)} may reserve. */
    public int chunkSize() {
        return chunkSize;
    }

    public boolean leakDetection() {
        return leakDetection;
    }

    /**
     * Reserves {@code reserve} bytes on this thread's open chunk and returns a little-endian
     * view of them, position 0 and limit {@code reserve}. Must be followed by
     * {@link #close(int)} on the same thread.
     */
    public ByteBuffer open(int reserve) {
        if (reserve < 1 || reserve > chunkSize) {
            throw new IllegalArgumentException("reserve=" + reserve + ", min=1, max=" + chunkSize);
        }
        OpenChunk open = local.get();
        if (open.reserved != 0) {
            throw new IllegalStateException("open(" + reserve + ") while " + open.reserved
                    + " bytes are still open on this thread: close() first");
        }
        SendBufferChunk chunk = open.chunk;
        if (chunk == null || chunk.free() < reserve) {
            if (chunk != null) {
                chunk.retire();
            }
            chunk = take();
            open.chunk = chunk;
        }
        open.reserved = reserve;
        return chunk.openView(reserve);
    }

    /**
     * Cuts the first {@code written} bytes of the open reservation into a slice with a
     * reference count of 1. The rest of the reservation stays free for the next packet.
     */
    public SendBuffer close(int written) {
        OpenChunk open = local.get();
        int reserved = open.reserved;
        if (reserved == 0) {
            throw new IllegalStateException("close(" + written + ") without open() on this thread");
        }
        if (written < 0 || written > reserved) {
            open.reserved = 0;
            throw new IllegalArgumentException("written=" + written + ", min=0, max=" + reserved);
        }
        open.reserved = 0;
        return open.chunk.cut(written);
    }

    /** Copies {@code src}'s remaining bytes into a new slice; {@code src}'s position moves to its limit. */
    public SendBuffer copyOf(ByteBuffer src) {
        int length = src.remaining();
        ByteBuffer out = open(Math.max(1, length));
        out.put(src);
        return close(length);
    }

    /** Slices cut and not yet freed. */
    public long outstandingSlices() {
        return liveSlices.sum();
    }

    /** Chunks that still have at least one live slice. */
    public long outstandingChunks() {
        return chunksWithSlices.sum();
    }

    /** Chunks allocated since start; a number that keeps growing means chunks are not coming back. */
    public long chunksAllocated() {
        return chunksAllocated.sum();
    }

    /**
     * With leak detection on, where each live slice was cut, one stack per slice (at most
     * {@code max}); without it, a sentence saying how to turn it on.
     */
    public String leakReport(int max) {
        if (!leakDetection) {
            return outstandingSlices() + " live slices; run with -D" + LEAK_DETECTION_PROPERTY
                    + "=true to see where they were cut";
        }
        StringBuilder report = new StringBuilder();
        report.append(tracked.size()).append(" live slices");
        int shown = 0;
        for (SendBuffer slice : tracked) {
            if (shown++ == max) {
                report.append("\n  ...");
                break;
            }
            report.append("\n  ").append(slice).append(" cut at:");
            for (StackTraceElement frame : slice.origin.getStackTrace()) {
                report.append("\n    at ").append(frame);
            }
        }
        return report.toString();
    }

    Throwable track(SendBuffer slice) {
        liveSlices.increment();
        if (!leakDetection) {
            return null;
        }
        Throwable origin = new Throwable("slice cut here");
        tracked.add(slice);
        return origin;
    }

    void untrack(SendBuffer slice) {
        liveSlices.decrement();
        if (leakDetection) {
            tracked.remove(slice);
        }
    }

    void chunkGainedSlices() {
        chunksWithSlices.increment();
    }

    void chunkLostSlices() {
        chunksWithSlices.decrement();
    }

    void recycle(SendBufferChunk chunk) {
        // A full pool drops the chunk; its direct memory goes with the garbage collector.
        pooled.offer(chunk);
    }

    private SendBufferChunk take() {
        SendBufferChunk chunk = pooled.poll();
        if (chunk == null) {
            chunk = new SendBufferChunk(this, chunkSize);
            chunksAllocated.increment();
        }
        chunk.lease();
        return chunk;
    }

    /** One thread's open chunk and its reservation; touched only by that thread. */
    private static final class OpenChunk {
        SendBufferChunk chunk;
        int reserved;
    }
}
