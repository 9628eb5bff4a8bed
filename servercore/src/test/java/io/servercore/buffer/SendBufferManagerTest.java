package io.servercore.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendBufferManagerTest {
    private final SendBufferManager pool = new SendBufferManager(4096, 4, true);

    private SendBuffer slice(SendBufferManager manager, int... bytes) {
        ByteBuffer out = manager.open(bytes.length);
        for (int b : bytes) {
            out.put((byte) b);
        }
        return manager.close(out.position());
    }

    @Test
    void closeCutsExactlyTheWrittenBytesInLittleEndian() {
        ByteBuffer out = pool.open(100);
        assertEquals(ByteOrder.LITTLE_ENDIAN, out.order());
        assertEquals(0, out.position());
        assertEquals(100, out.limit());
        out.putShort((short) 0x0201).putInt(0x06050403);
        SendBuffer slice = pool.close(out.position());

        ByteBuffer view = slice.nioBuffer();
        assertEquals(6, slice.size());
        assertEquals(6, view.remaining());
        for (int i = 1; i <= 6; i++) {
            assertEquals(i, view.get());
        }
        assertTrue(slice.release());
        assertEquals(0, pool.outstandingSlices());
    }

    @Test
    void slicesAreDirectSoTheJdkWritesThemWithoutACopy() {
        SendBuffer slice = slice(pool, 1);
        assertTrue(slice.nioBuffer().isDirect());
        slice.release();
    }

    @Test
    void consecutiveSlicesDoNotOverlap() {
        SendBuffer a = slice(pool, 1, 2, 3);
        SendBuffer b = slice(pool, 4, 5);
        assertEquals(1, a.nioBuffer().get(0));
        assertEquals(3, a.nioBuffer().get(2));
        assertEquals(4, b.nioBuffer().get(0));
        assertEquals(2, pool.outstandingSlices());
        assertEquals(1, pool.outstandingChunks());
        a.release();
        b.release();
        assertEquals(0, pool.outstandingSlices());
        assertEquals(0, pool.outstandingChunks());
    }

    @Test
    void eachViewHasItsOwnCursor() {
        SendBuffer slice = slice(pool, 7, 8, 9);
        ByteBuffer first = slice.nioBuffer();
        first.get();
        first.get();
        assertEquals(3, slice.nioBuffer().remaining());
        slice.release();
    }

    @Test
    void referenceCountStartsAtOneAndReleaseSaysWhenItFreed() {
        SendBuffer slice = slice(pool, 1);
        assertEquals(1, slice.refCnt());
        slice.retain(2);
        assertEquals(3, slice.refCnt());
        assertFalse(slice.release());
        assertFalse(slice.release());
        assertEquals(1, pool.outstandingSlices());
        assertTrue(slice.release());
        assertEquals(0, slice.refCnt());
        assertEquals(0, pool.outstandingSlices());
    }

    @Test
    void releasePastZeroAndRetainAfterFreeThrow() {
        SendBuffer slice = slice(pool, 1);
        slice.release();
        IllegalReferenceCountException release = assertThrows(IllegalReferenceCountException.class, slice::release);
        assertEquals("illegal reference count: refCnt=0, delta=-1", release.getMessage());
        assertThrows(IllegalReferenceCountException.class, slice::retain);
        assertEquals(0, pool.outstandingSlices());
    }

    @Test
    void aChunkReturnsToThePoolOnlyAfterItsLastSliceAndItsOwnerLetGo() {
        SendBuffer first = slice(pool, 1);
        // Fill the rest of the 4 KiB chunk so the next open moves to a fresh one.
        ByteBuffer rest = pool.open(4095);
        SendBuffer filler = pool.close(rest.limit());
        SendBuffer onSecondChunk = slice(pool, 2);
        assertEquals(2, pool.chunksAllocated());
        assertEquals(2, pool.outstandingChunks());

        first.release();
        filler.release();
        assertEquals(1, pool.outstandingChunks());
        // The first chunk is back in the pool: a third chunk reuses it instead of allocating.
        ByteBuffer big = pool.open(4096);
        SendBuffer third = pool.close(big.limit());
        assertEquals(2, pool.chunksAllocated());
        onSecondChunk.release();
        third.release();
        assertEquals(0, pool.outstandingChunks());
    }

    @Test
    void openBeyondTheChunkSizeIsRefusedWithTheLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.open(4097));
        assertEquals("reserve=4097, min=1, max=4096", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pool.open(0));
    }

    @Test
    void closeWithoutAClaimAndOverwritingAClaimAreRefusedWithTheLimit() {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> pool.close(1));
        assertEquals("close(1) without open() on this thread", none.getMessage());
        pool.open(10);
        IllegalArgumentException tooMuch = assertThrows(IllegalArgumentException.class, () -> pool.close(11));
        assertEquals("written=11, min=0, max=10", tooMuch.getMessage());
        assertEquals(0, pool.outstandingSlices());
        assertThrows(IllegalStateException.class, () -> pool.close(1), "a refused close finishes the claim");
    }

    @Test
    void aClaimAbandonedByAnExceptionLeavesTheThreadsPoolUsable() {
        ByteBuffer stale = pool.open(10);
        stale.put((byte) 1);
        // The encoder threw here: neither close nor abort ran.
        SendBuffer next = slice(pool, 7, 8, 9);
        assertEquals(3, next.size());
        assertEquals(1, pool.outstandingSlices());
        next.release();
        assertEquals(0, pool.outstandingSlices());
        assertEquals(0, pool.outstandingChunks());
    }

    @Test
    void aLateWriteThroughAnAbandonedClaimCannotReachALaterSlice() {
        ByteBuffer stale = pool.open(8);
        SendBuffer next = slice(pool, 1, 2, 3, 4);
        stale.put(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
        ByteBuffer bytes = next.nioBuffer();
        for (int i = 1; i <= 4; i++) {
            assertEquals(i, bytes.get(), "byte " + i + " of the later slice");
        }
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> pool.commit(stale, 8));
        assertTrue(late.getMessage().contains("not open on this thread"), late.getMessage());
        assertFalse(pool.abort(stale), "an abandoned claim is not this thread's to abort");
        next.release();
    }

    @Test
    void commitCutsOnlyTheClaimItWasGivenAndAbortGivesItUp() {
        ByteBuffer claim = pool.open(4);
        claim.putShort((short) 0x0201);
        SendBuffer slice = pool.commit(claim, claim.position());
        assertEquals(2, slice.size());
        assertThrows(IllegalStateException.class, () -> pool.commit(claim, 2), "a claim commits once");
        slice.release();

        ByteBuffer dropped = pool.open(4);
        assertTrue(pool.abort(dropped));
        assertThrows(IllegalStateException.class, () -> pool.close(0), "abort finished the claim");
        pool.abort(); // nothing open: a no-op
        assertEquals(0, pool.outstandingSlices());
    }

    @Test
    void coalesceCopiesSlicesInOrderIntoAsFewAsAChunkHolds() {
        // 4,096-byte chunks: 1,500 + 1,500 fit one copy, the third 1,500 does not and starts the next.
        List<SendBuffer> slices = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] bytes = new byte[1500];
            Arrays.fill(bytes, (byte) (i + 1));
            slices.add(pool.copyOf(ByteBuffer.wrap(bytes)));
        }
        List<SendBuffer> copies = pool.coalesce(slices, 1);
        try {
            assertEquals(List.of(3000, 1500), copies.stream().map(SendBuffer::size).toList(),
                    "slices 1 and 2 in one copy, 3 in the next; slice 0 left out");
            ByteBuffer first = copies.get(0).nioBuffer();
            assertEquals(2, first.get(0));
            assertEquals(2, first.get(1499));
            assertEquals(3, first.get(1500));
            assertEquals(4, copies.get(1).nioBuffer().get(0));
            assertEquals(6, pool.outstandingSlices(), "the originals are still the caller's to release");
        } finally {
            copies.forEach(SendBuffer::release);
            slices.forEach(SendBuffer::release);
        }
        assertEquals(0, pool.outstandingSlices());
    }

    @Test
    void aCoalesceThatFailsReleasesTheCopiesItHadMade() {
        // Each 3,000-byte slice needs a 4,096-byte chunk of its own: the two originals take the first
        // two chunks, the first copy a third, and the fourth, for the second copy, fails.
        int[] allocations = {0};
        SendBufferManager manager = new SendBufferManager(4096, 4, true, size -> {
            if (++allocations[0] == 4) {
                throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory (test)");
            }
            return ByteBuffer.allocateDirect(size);
        });
        List<SendBuffer> slices = List.of(manager.copyOf(ByteBuffer.wrap(new byte[3000])),
                manager.copyOf(ByteBuffer.wrap(new byte[3000])));
        try {
            assertThrows(OutOfMemoryError.class, () -> manager.coalesce(slices, 0));
            assertEquals(4, allocations[0], "the first copy was made before the second failed");
            assertEquals(2, manager.outstandingSlices(), "the first copy did not outlive the failure");
        } finally {
            slices.forEach(SendBuffer::release);
        }
        assertEquals(0, manager.outstandingSlices());
    }

    @Test
    void aFailedChunkAllocationLeavesNoRetiredChunkOpenOnTheThread() throws Exception {
        int[] allocations = {0};
        boolean[] failNext = {false};
        SendBufferManager manager = new SendBufferManager(4096, 4, true, size -> {
            if (failNext[0]) {
                failNext[0] = false;
                throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory (test)");
            }
            allocations[0]++;
            return ByteBuffer.allocateDirect(size);
        });
        SendBuffer held = manager.copyOf(ByteBuffer.wrap(new byte[4000]));
        failNext[0] = true;
        assertThrows(OutOfMemoryError.class, () -> manager.open(200), "the chunk is full: a new one is needed and fails");
        held.release(); // the retired chunk's last slice: it goes back to the pool

        // Another thread leases the recycled chunk and cuts from its start.
        ExecutorService other = Executors.newSingleThreadExecutor();
        SendBuffer theirs;
        try {
            theirs = other.submit(() -> manager.copyOf(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))).get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        assertEquals(1, allocations[0], "the other thread reused the recycled chunk");

        // This thread must not cut from the chunk the other thread now owns: it takes a chunk of its own.
        SendBuffer mine = manager.copyOf(ByteBuffer.wrap(new byte[] {9, 9, 9, 9}));
        assertEquals(2, allocations[0], "after the failed take this thread holds no chunk, so it allocates one");
        ByteBuffer check = theirs.nioBuffer();
        for (int i = 1; i <= 4; i++) {
            assertEquals(i, check.get(), "byte " + i + " of the other thread's slice");
        }
        mine.release();
        theirs.release();
        assertEquals(0, manager.outstandingSlices());
        assertEquals(0, manager.outstandingChunks());
    }

    @Test
    void leakReportNamesTheCodeThatCutTheSlice() {
        SendBuffer leaked = slice(pool, 1, 2);
        String report = pool.leakReport(5);
        assertTrue(report.contains("1 live slices"), report);
        assertTrue(report.contains("leakReportNamesTheCodeThatCutTheSlice"), report);
        leaked.release();
        assertTrue(pool.leakReport(5).startsWith("0 live slices"));
    }

    @Test
    void sharedSliceIsReleasedFromManyThreadsExactlyOnce() throws Exception {
        int threads = 4;
        int rounds = 2_000;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                SendBuffer slice = slice(pool, round & 0xFF);
                slice.retain(threads - 1);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> freed = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    freed.add(executor.submit(() -> {
                        go.await();
                        return slice.release();
                    }));
                }
                go.countDown();
                int frees = 0;
                for (Future<Boolean> f : freed) {
                    frees += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, frees, "round " + round);
            }
        } finally {
            executor.shutdownNow();
        }
        assertEquals(0, pool.outstandingSlices());
        assertEquals(0, pool.outstandingChunks());
    }

    @Test
    void slicesCutOnOneThreadMayBeReleasedOnAnother() throws Exception {
        List<SendBuffer> slices = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            slices.add(slice(pool, i & 0xFF, 0, 0, 0, 0, 0, 0, 0));
        }
        Thread releaser = new Thread(() -> slices.forEach(SendBuffer::release));
        releaser.start();
        releaser.join(10_000);
        assertEquals(0, pool.outstandingSlices());
        assertEquals(0, pool.outstandingChunks());
    }

    @Test
    void badPoolSettingsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SendBufferManager(-1, 4, false));
        assertEquals("chunkSize=-1, min=4096, max=1073741824", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SendBufferManager(4096, 0, false));
    }
}
