package io.servercore.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class JobTimerTest {
    private final ExecutorService dispatch = Executors.newFixedThreadPool(2);
    private final JobTimer timer = new JobTimer("test-timer", dispatch);
    private final JobQueue queue = new JobQueue(dispatch);

    @AfterEach
    void stop() {
        timer.close();
        dispatch.shutdownNow();
    }

    @Test
    void aJobRunsNoEarlierThanAsked() throws Exception {
        for (long delayMillis : new long[] {1, 20, 50}) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicLong ranAt = new AtomicLong();
            long pushedAt = System.nanoTime();
            timer.pushAfter(queue, () -> {
                ranAt.set(System.nanoTime());
                ran.countDown();
            }, delayMillis, TimeUnit.MILLISECONDS);
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            long waited = ranAt.get() - pushedAt;
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(delayMillis),
                    "ran after " + waited + " ns, asked for " + delayMillis + " ms");
        }
    }

    @Test
    void aCancelledJobNeverRuns() throws Exception {
        AtomicInteger cancelledRuns = new AtomicInteger();
        Cancellable cancelled = timer.pushAfter(queue, cancelledRuns::incrementAndGet, 30, TimeUnit.MILLISECONDS);
        assertTrue(cancelled.cancel());
        assertFalse(cancelled.cancel(), "a second cancel changes nothing");
        // A later job on the same queue: once it ran, the cancelled one's time had long passed.
        CountDownLatch sentinel = new CountDownLatch(1);
        timer.pushAfter(queue, sentinel::countDown, 60, TimeUnit.MILLISECONDS);
        assertTrue(sentinel.await(10, TimeUnit.SECONDS));
        assertEquals(0, cancelledRuns.get());
    }

    @Test
    void cancellingAfterTheJobRanReportsFalse() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Cancellable job = timer.pushAfter(queue, ran::countDown, 1, TimeUnit.MILLISECONDS);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertFalse(job.cancel());
    }

    @Test
    void cancelRacingTheFiringJobEitherWinsOrRunsButNeverBoth() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        for (int i = 0; i < 500; i++) {
            Cancellable job = timer.pushAfter(queue, ran::incrementAndGet, 0, TimeUnit.MILLISECONDS);
            if (job.cancel()) {
                cancelled.incrementAndGet();
            }
        }
        CountDownLatch sentinel = new CountDownLatch(1);
        timer.pushAfter(queue, sentinel::countDown, 5, TimeUnit.MILLISECONDS);
        assertTrue(sentinel.await(10, TimeUnit.SECONDS));
        assertEquals(500, ran.get() + cancelled.get(), "ran=" + ran + " cancelled=" + cancelled);
    }

    @Test
    void aPeriodicTaskRepeatsUntilCancelled() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        Cancellable periodic = timer.scheduleAtFixedRate(() -> {
            ticks.incrementAndGet();
            three.countDown();
        }, 5, TimeUnit.MILLISECONDS);
        assertTrue(three.await(10, TimeUnit.SECONDS));
        assertTrue(periodic.cancel());
        int afterCancel = ticks.get();
        CountDownLatch sentinel = new CountDownLatch(1);
        timer.schedule(sentinel::countDown, 50, TimeUnit.MILLISECONDS);
        assertTrue(sentinel.await(10, TimeUnit.SECONDS));
        // One tick may have been dispatched just before the cancel; none after it.
        assertTrue(ticks.get() <= afterCancel + 1, "ticks went on after cancel: " + ticks.get() + " > " + afterCancel);
    }
}
