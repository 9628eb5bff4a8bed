package io.servercore.buffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.jctools.queues.MpmcArrayQueue;

/**
 * The pool that packets are encoded into: large direct chunks, one open chunk per thread,
 * cut into reference-counted {@link SendBuffer} slices.
 *
 * <p>Encoding a packet is a claim on one thread: {@code open} reserves bytes, and
 * {@code close} (or the checked {@code commit}) cuts what was written into a slice:
 * <pre>{@code
 * ByteBuffer out = pool.open(reserve);   // little-endian, position 0, limit reserve
 * out.putShort(...); ...
 * SendBuffer slice = pool.commit(out, out.position());
 * }</pre>
 * Because the open chunk is thread-local, claims take no lock and touch no shared cursor. A
 * chunk goes back to the pool when its thread has moved on to a fresh chunk and the last slice
 * cut from it has been released.
 *
 * <p>A claim is safe to abandon, as Agrona's {@code tryClaim}/{@code commit}/{@code abort}
 * are: code that throws between {@code open} and {@code close} leaves the thread's pool usable.
 * The next {@code open} on that thread abandons the stale claim, and its bytes are skipped,
 * never cut, so a late write through the stale view cannot reach a later slice. The view that
 * {@code open} returns is the claim's token: {@link #commit(ByteBuffer, int)} and
 * {@link #abort(ByteBuffer)} refuse a view whose claim was abandoned, where {@code close(int)}
 * and {@code abort()} act on whatever claim the thread has open.
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
    /** Makes a chunk's memory; a test seam for a failing direct allocation. */
    private final IntFunction<ByteBuffer> allocator;
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
        this(chunkSize, maxPooledChunks, leakDetection, ByteBuffer::allocateDirect);
    }

    SendBufferManager(int chunkSize, int maxPooledChunks, boolean leakDetection, IntFunction<ByteBuffer> allocator) {
        if (chunkSize < 4096 || chunkSize > (1 << 30)) {
            throw new IllegalArgumentException("chunkSize=" + chunkSize + ", min=4096, max=" + (1 << 30));
        }
        if (maxPooledChunks < 1) {
            throw new IllegalArgumentException("maxPooledChunks=" + maxPooledChunks + ", min=1");
        }
        this.chunkSize = chunkSize;
        this.allocator = allocator;
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
     * Claims {@code reserve} bytes on this thread's open chunk and returns a little-endian view
     * of them, position 0 and limit {@code reserve}: the claim and its token. Finish it on the
     * same thread with {@link #commit(ByteBuffer, int)} (or {@link #close(int)}), or
     * {@link #abort(ByteBuffer)}. A claim this thread left open is abandoned first.
     */
    public ByteBuffer open(int reserve) {
        if (reserve < 1 || reserve > chunkSize) {
            throw new IllegalArgumentException("reserve=" + reserve + ", min=1, max=" + chunkSize);
        }
        OpenChunk open = local.get();
        if (open.claim != null) {
            open.abandon();
        }
        SendBufferChunk chunk = open.chunk;
        if (chunk == null || chunk.free() < reserve) {
            // Forget the old chunk before taking a new one: if the take fails, this thread must not
            // go on cutting from a chunk it retired, which another thread may lease meanwhile.
            open.chunk = null;
            if (chunk != null) {
                chunk.retire();
            }
            chunk = take();
            open.chunk = chunk;
        }
        ByteBuffer view = chunk.openView(reserve);
        open.claim = view;
        open.reserved = reserve;
        return view;
    }

    /**
     * Cuts the first {@code written} bytes of this thread's open claim into a slice with a
     * reference count of 1. The rest of the claim stays free for the next packet.
     */
    public SendBuffer close(int written) {
        OpenChunk open = local.get();
        if (open.claim == null) {
            throw new IllegalStateException("close(" + written + ") without open() on this thread");
        }
        return open.commit(written);
    }

    /**
     * Cuts the first {@code written} bytes of {@code claim} into a slice with a reference count
     * of 1: {@link #close(int)}, checked against the token.
     *
     * @throws IllegalStateException if {@code claim} is not this thread's open claim (it was
     *         finished already, or abandoned by a later {@code open})
     */
    public SendBuffer commit(ByteBuffer claim, int written) {
        OpenChunk open = local.get();
        if (claim == null || claim != open.claim) {
            throw new IllegalStateException("commit(" + written + ") of a claim that is not open on this thread:"
                    + " it was committed, aborted, or abandoned by a later open()");
        }
        return open.commit(written);
    }

    /** Gives up this thread's open claim, if any: nothing is cut. Safe to call in any {@code finally}. */
    public void abort() {
        OpenChunk open = local.get();
        if (open.claim != null) {
            open.abort();
        }
    }

    /**
     * Gives up {@code claim} if it is this thread's open claim; a claim already finished or
     * abandoned is left alone. Returns whether it was open.
     */
    public boolean abort(ByteBuffer claim) {
        OpenChunk open = local.get();
        if (claim == null || claim != open.claim) {
            return false;
        }
        open.abort();
        return true;
    }

    /** Copies {@code src}'s remaining bytes into a new slice; {@code src}'s position moves to its limit. */
    public SendBuffer copyOf(ByteBuffer src) {
        int length = src.remaining();
        ByteBuffer out = open(Math.max(1, length));
        out.put(src);
        return close(length);
    }

    /**
     * Copies the bytes of {@code slices} from index {@code from} on, in order, into as few new
     * slices as this pool's chunks allow (one, unless they hold more than a chunk), each holding one
     * reference for the caller: the course's {@code GameRoom.Flush}, which turns a tick's
     * broadcasts into one write per member. The given slices are neither retained nor released;
     * if a copy fails, the copies already made are released before the exception leaves.
     */
    public List<SendBuffer> coalesce(List<SendBuffer> slices, int from) {
        List<SendBuffer> copies = new ArrayList<>(1);
        try {
            int i = from;
            while (i < slices.size()) {
                int size = 0;
                int end = i;
                while (end < slices.size() && size + slices.get(end).size() <= chunkSize) {
                    size += slices.get(end++).size();
                }
                ByteBuffer out = open(size);
                for (; i < end; i++) {
                    out.put(slices.get(i).nioBuffer());
                }
                copies.add(commit(out, size));
            }
            return copies;
        } catch (RuntimeException | Error e) {
            copies.forEach(SendBuffer::release);
            throw e;
        }
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
            chunk = new SendBufferChunk(this, allocator.apply(chunkSize));
            chunksAllocated.increment();
        }
        chunk.lease();
        return chunk;
    }

    /** One thread's open chunk and its claim; touched only by that thread. */
    private static final class OpenChunk {
        SendBufferChunk chunk;
        /** The view handed out by open(): the open claim's token; null when none is open. */
        ByteBuffer claim;
        int reserved;

        SendBuffer commit(int written) {
            int limit = reserved;
            claim = null;
            reserved = 0;
            if (written < 0 || written > limit) {
                throw new IllegalArgumentException("written=" + written + ", min=0, max=" + limit);
            }
            return chunk.cut(written);
        }

        void abort() {
            claim = null;
            reserved = 0;
        }

        /** Drops a claim its code never finished, skipping its bytes: a late write through it lands in nothing cut. */
        void abandon() {
            chunk.skip(reserved);
            claim = null;
            reserved = 0;
        }
    }
}
