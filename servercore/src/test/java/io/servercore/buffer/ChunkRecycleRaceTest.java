package io.servercore.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A chunk has two holds that may be dropped at once on two threads: its owner retires it (moves
 * on to a fresh chunk) while another thread releases the last slice cut from it. Whichever drop
 * comes last must return the chunk to the pool, and only that one: a chunk never returned is
 * lost to the pool (new ones are allocated round after round), a chunk returned twice is handed
 * to two threads, whose slices then overwrite each other.
 *
 * <p>Each round, the owner cuts one byte from a whole chunk and hands the slice to the releaser;
 * both spin up to the same moment, then the owner retires the chunk (by opening the next whole
 * one) while the releaser releases the slice. Afterwards the pool is drained on a third thread,
 * stamping each chunk it hands out: a chunk in the pool twice shows as a stamp overwritten.
 */
@Timeout(60)
class ChunkRecycleRaceTest {
    private static final int CHUNK = 4096;
    private static final int ROUNDS = 20_000;

    private final SendBufferManager pool = new SendBufferManager(CHUNK, 64, false);
    /** The slice of the current round, published before {@link #offered}. */
    private volatile SendBuffer handed;
    /** The round whose slice is handed over. */
    private volatile int offered = -1;
    /** The round whose slice the releaser holds, about to release it. */
    private volatile int taken = -1;

    /** Cuts one byte, stamped with {@code round}, from a fresh whole chunk: this retires the thread's last chunk. */
    private SendBuffer cutFromAFreshChunk(int round) {
        ByteBuffer out = pool.open(CHUNK);
        out.put((byte) round);
        return pool.close(1);
    }

    @Test
    void aChunkRetiredOnOneThreadWhileItsLastSliceIsReleasedOnAnotherReturnsToThePoolExactlyOnce() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread owner = new Thread(() -> {
            try {
                SendBuffer slice = cutFromAFreshChunk(0);
                for (int round = 0; round < ROUNDS; round++) {
                    handed = slice;
                    offered = round;
                    for (int spins = 0; taken != round; spins++) {
                        pause(spins);
                    }
                    spin(round);
                    slice = cutFromAFreshChunk(round + 1); // retires the chunk the releaser's slice is on
                }
                slice.release();
                cutFromAFreshChunk(-1).release(); // retires the last chunk too: it goes to the pool
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                taken = Integer.MAX_VALUE;
            }
        }, "owner");
        Thread releaser = new Thread(() -> {
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    for (int spins = 0; offered != round; spins++) {
                        pause(spins);
                    }
                    SendBuffer slice = handed;
                    taken = round;
                    spin(round >>> 3);
                    byte stamp = slice.nioBuffer().get(0);
                    assertTrue(slice.release(), "round " + round + ": the only reference frees the slice");
                    assertEquals((byte) round, stamp, "round " + round + ": the slice's byte was overwritten");
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                offered = Integer.MAX_VALUE;
            }
        }, "releaser");
        owner.start();
        releaser.start();
        owner.join(50_000);
        releaser.join(10_000);
        assertNull(failure.get());
        assertTrue(!owner.isAlive() && !releaser.isAlive(), "the rounds did not finish");

        assertEquals(0, pool.outstandingSlices());
        assertEquals(0, pool.outstandingChunks());
        // Each round's chunk is back before the owner takes the next but one: a few chunks serve all rounds.
        assertTrue(pool.chunksAllocated() <= 4, pool.chunksAllocated() + " chunks allocated for " + ROUNDS
                + " rounds: retired chunks did not come back");
        assertEachPooledChunkIsHandedOutOnce();
    }

    /** Spins while the other thread is on its way; yields when it seems to wait for this core. */
    private static void pause(int spins) {
        if (spins < 1_000) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** A short, round-dependent delay, so the two drops meet in every order. */
    private static void spin(int round) {
        for (int i = round & 7; i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    /**
     * Takes every chunk the pool holds on a fresh thread, filling each with its own stamp, until
     * the pool has to allocate; then every slice must still hold its stamp.
     */
    private void assertEachPooledChunkIsHandedOutOnce() throws Exception {
        List<SendBuffer> drained = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread drainer = new Thread(() -> {
            try {
                long allocated = pool.chunksAllocated();
                for (int n = 0; pool.chunksAllocated() == allocated; n++) {
                    ByteBuffer out = pool.open(CHUNK);
                    while (out.hasRemaining()) {
                        out.putInt(n);
                    }
                    drained.add(pool.close(CHUNK));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "drainer");
        drainer.start();
        drainer.join(10_000);
        assertNull(failure.get());
        try {
            for (int n = 0; n < drained.size(); n++) {
                ByteBuffer bytes = drained.get(n).nioBuffer().order(ByteOrder.LITTLE_ENDIAN);
                while (bytes.hasRemaining()) {
                    int stamp = bytes.getInt();
                    assertEquals(n, stamp, "the chunk of slice " + n + " was handed out again, as slice " + stamp);
                }
            }
        } finally {
            drained.forEach(SendBuffer::release);
        }
        assertEquals(0, pool.outstandingChunks());
    }
}
