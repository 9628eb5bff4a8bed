package io.servercore.job;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where a {@link JobTimer} reads the time and waits for it: a thread with a delay queue in
 * production, a clock the test moves by hand in tests, so that "not before its time" and
 * "never after cancel" are shown without waiting on the wall clock.
 *
 * <p>Thread safety: every method may be called from any thread.
 */
interface TimerClock {
    /** Now, on the same scale as {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * Runs {@code tick} once {@code delayNanos} have passed, on the clock's own thread; it must
     * be short (the timer only dispatches from it).
     *
     * @throws RejectedExecutionException once the clock is shut down
     */
    Cancellable schedule(Runnable tick, long delayNanos);

    /** Stops the clock; ticks not yet run are dropped. */
    void shutdown();

    /** The production clock: one daemon thread named {@code name}. */
    static TimerClock thread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return new TimerClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Cancellable schedule(Runnable tick, long delayNanos) {
                ScheduledFuture<?> future = executor.schedule(tick, delayNanos, TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public void shutdown() {
                executor.shutdownNow();
            }
        };
    }
}
