package io.servercore.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Await;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timer on a clock the test moves by hand: "not before its time", "never after cancel" and
 * "a late run delays the next" are shown by where the clock stands, not by waiting.
 */
@Timeout(30)
class JobTimerTest {
    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock();
    /** Work the timer dispatched and the test has not run yet, in dispatch order. */
    private final ArrayDeque<Runnable> dispatched = new ArrayDeque<>();
    private final JobTimer timer = new JobTimer(clock, task -> {
        synchronized (dispatched) {
            dispatched.add(task);
        }
    });
    private final JobQueue queue = new JobQueue(Runnable::run);

    @AfterEach
    void stop() {
        timer.close();
    }

    /** Runs what the timer dispatched so far, as an I/O thread would; returns how many. */
    private int runDispatched() {
        int n = 0;
        for (;;) {
            Runnable task;
            synchronized (dispatched) {
                task = dispatched.poll();
            }
            if (task == null) {
                return n;
            }
            task.run();
            n++;
        }
    }

    @Test
    void aJobRunsWhenItsDelayHasPassedAndNotBefore() {
        AtomicInteger ran = new AtomicInteger();
        timer.pushAfter(queue, ran::incrementAndGet, 50, TimeUnit.MILLISECONDS);
        clock.advance(50 * MS - 1);
        runDispatched();
        assertEquals(0, ran.get(), "one nanosecond early");
        clock.advance(1);
        runDispatched();
        assertEquals(1, ran.get());
        clock.advance(1_000 * MS);
        runDispatched();
        assertEquals(1, ran.get(), "a one-shot job runs once");
    }

    @Test
    void aCancelledJobNeverRuns() {
        AtomicInteger ran = new AtomicInteger();
        Cancellable job = timer.pushAfter(queue, ran::incrementAndGet, 30, TimeUnit.MILLISECONDS);
        assertTrue(job.cancel());
        assertFalse(job.cancel(), "a second cancel changes nothing");
        assertEquals(0, clock.pending(), "the cancelled job left the clock");
        clock.advance(1_000 * MS);
        assertEquals(0, runDispatched());
        assertEquals(0, ran.get());
    }

    @Test
    void aJobCancelledAfterItsTickButBeforeItRanNeverRuns() {
        AtomicInteger ran = new AtomicInteger();
        Cancellable job = timer.schedule(ran::incrementAndGet, 1, TimeUnit.MILLISECONDS);
        clock.advance(MS);
        assertTrue(job.cancel(), "dispatched but not run: the cancel still wins");
        runDispatched();
        assertEquals(0, ran.get());
    }

    @Test
    void cancellingAfterTheJobRanReportsFalse() {
        AtomicInteger ran = new AtomicInteger();
        Cancellable job = timer.schedule(ran::incrementAndGet, 1, TimeUnit.MILLISECONDS);
        clock.advance(MS);
        runDispatched();
        assertEquals(1, ran.get());
        assertFalse(job.cancel());
    }

    @Test
    void cancelRacingTheRunEitherWinsOrRunsButNeverBoth() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2_000; i++) {
                AtomicInteger ran = new AtomicInteger();
                Cancellable job = timer.schedule(ran::incrementAndGet, 1, TimeUnit.MILLISECONDS);
                clock.advance(MS);
                CountDownLatch go = new CountDownLatch(1);
                var run = threads.submit(() -> {
                    go.await();
                    return runDispatched();
                });
                var cancel = threads.submit(() -> {
                    go.await();
                    return job.cancel();
                });
                go.countDown();
                run.get(10, TimeUnit.SECONDS);
                boolean cancelled = cancel.get(10, TimeUnit.SECONDS);
                assertEquals(1, ran.get() + (cancelled ? 1 : 0), "round " + i + ": ran=" + ran + " cancelled=" + cancelled);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aPeriodicTaskRunsOncePerPeriodUntilCancelled() {
        AtomicInteger ticks = new AtomicInteger();
        Cancellable periodic = timer.scheduleAtFixedRate(ticks::incrementAndGet, 10, TimeUnit.MILLISECONDS);
        for (int period = 1; period <= 5; period++) {
            clock.advance(10 * MS - 1);
            runDispatched();
            assertEquals(period - 1, ticks.get(), "not before period " + period + " is over");
            clock.advance(1);
            runDispatched();
            assertEquals(period, ticks.get());
        }
        assertTrue(periodic.cancel());
        assertFalse(periodic.cancel());
        clock.advance(1_000 * MS);
        runDispatched();
        assertEquals(5, ticks.get(), "no run after cancel");
        assertEquals(0, clock.pending());
    }

    @Test
    void aLateRunDelaysTheNextAndMissedPeriodsAreNotMadeUp() {
        AtomicInteger ticks = new AtomicInteger();
        timer.scheduleAtFixedRate(ticks::incrementAndGet, 10, TimeUnit.MILLISECONDS);
        clock.advance(10 * MS); // due at 10: dispatched, but no thread runs it yet
        clock.advance(35 * MS); // 20, 30 and 40 pass while it waits
        assertEquals(1, runDispatched(), "one run for the waiting period, not a run per period missed");
        assertEquals(1, ticks.get());
        // It ended at 45: the next, due at 20, is delayed to now, and runs at once.
        clock.advance(0);
        assertEquals(1, runDispatched(), "the delayed run follows the late one");
        assertEquals(2, ticks.get());
        // Then the grid of the delayed run: 45 + 10.
        clock.advance(10 * MS - 1);
        assertEquals(0, runDispatched());
        clock.advance(1);
        assertEquals(1, runDispatched());
        assertEquals(3, ticks.get());
    }

    @Test
    void cancelWaitsOutARunUnderWayOnAnotherThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        Cancellable periodic = timer.scheduleAtFixedRate(() -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.set(true);
        }, 10, TimeUnit.MILLISECONDS);
        clock.advance(10 * MS);
        Thread ioThread = new Thread(this::runDispatched, "fake-io");
        ioThread.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));

        AtomicBoolean endedWhenCancelReturned = new AtomicBoolean();
        AtomicBoolean cancelResult = new AtomicBoolean();
        Thread canceller = new Thread(() -> {
            cancelResult.set(periodic.cancel());
            endedWhenCancelReturned.set(ended.get());
        }, "canceller");
        canceller.start();
        Await.until("the canceller waits for the run", () -> canceller.getState() == Thread.State.TIMED_WAITING
                || canceller.getState() == Thread.State.TERMINATED, canceller::getState);
        release.countDown();
        canceller.join(10_000);
        ioThread.join(10_000);
        assertTrue(cancelResult.get());
        assertTrue(endedWhenCancelReturned.get(), "cancel returned while the run was still going");
        clock.advance(1_000 * MS);
        runDispatched();
        assertEquals(1, runs.get(), "no run after cancel");
    }

    @Test
    void aPeriodicTaskMayCancelItselfFromItsOwnRun() {
        AtomicInteger runs = new AtomicInteger();
        Cancellable[] self = new Cancellable[1];
        self[0] = timer.scheduleAtFixedRate(() -> {
            runs.incrementAndGet();
            assertTrue(self[0].cancel());
        }, 10, TimeUnit.MILLISECONDS);
        clock.advance(10 * MS);
        runDispatched();
        clock.advance(1_000 * MS);
        runDispatched();
        assertEquals(1, runs.get());
    }

    @Test
    void theProductionClockRunsAJobAfterItsDelay() throws Exception {
        ExecutorService io = Executors.newSingleThreadExecutor();
        try (JobTimer real = new JobTimer("test-timer", io)) {
            CountDownLatch ran = new CountDownLatch(1);
            long asked = System.nanoTime();
            long[] ranAt = new long[1];
            real.schedule(() -> {
                ranAt[0] = System.nanoTime();
                ran.countDown();
            }, 20, TimeUnit.MILLISECONDS);
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertTrue(ranAt[0] - asked >= 20 * MS, "ran " + (ranAt[0] - asked) + " ns after it was asked, delay 20 ms");
        } finally {
            io.shutdownNow();
        }
    }
}
