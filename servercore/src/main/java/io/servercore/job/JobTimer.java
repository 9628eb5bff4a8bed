package io.servercore.job;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work after a delay: {@link #pushAfter} puts a job on a {@link JobQueue} once its time
 * has come (the course's JobTimer), {@link #schedule} and {@link #scheduleAtFixedRate} run a
 * task. One timer thread keeps the clock; the work itself is dispatched to an executor (the
 * I/O threads), so that sends it makes start where NIO.2 can write at once.
 *
 * <p>Work never runs before its delay has passed, and never after {@link Cancellable#cancel()}
 * returned {@code true} for it. Thread safety: all methods may be called from any thread.
 */
public final class JobTimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobTimer.class);

    private final ScheduledThreadPoolExecutor clock;
    private final Executor dispatch;

    /**
     * @param name     the timer thread's name
     * @param dispatch where due work runs
     */
    public JobTimer(String name, Executor dispatch) {
        this.dispatch = dispatch;
        this.clock = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        clock.setRemoveOnCancelPolicy(true);
        clock.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Pushes {@code job} onto {@code queue} once {@code delay} has passed. */
    public Cancellable pushAfter(JobQueue queue, Runnable job, long delay, TimeUnit unit) {
        Once once = new Once(() -> queue.push(job));
        // The push itself goes through the dispatcher so the queue drains on an I/O thread.
        once.future = clock.schedule(() -> dispatch(once), delay, unit);
        return once;
    }

    /** Runs {@code task} on the dispatch executor once {@code delay} has passed. */
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Once once = new Once(task);
        once.future = clock.schedule(() -> dispatch(once), delay, unit);
        return once;
    }

    /**
     * Runs {@code task} on the dispatch executor every {@code period}; a run that is still
     * going when the next is due delays the next rather than overlapping it.
     */
    public Cancellable scheduleAtFixedRate(Runnable task, long period, TimeUnit unit) {
        Periodic periodic = new Periodic(task);
        periodic.future = clock.scheduleAtFixedRate(() -> periodic.tick(dispatch), period, period, unit);
        return periodic;
    }

    /** Stops the clock; pending work is dropped. */
    @Override
    public void close() {
        clock.shutdownNow();
    }

    private void dispatch(Runnable task) {
        try {
            dispatch.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("timer task dropped: the dispatcher is shut down");
        }
    }

    /** Runs at most once; cancel and run race on one state word. */
    private static final class Once implements Runnable, Cancellable {
        private static final int PENDING = 0;
        private static final int RAN = 1;
        private static final int CANCELLED = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final Runnable task;
        volatile ScheduledFuture<?> future;

        Once(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (state.compareAndSet(PENDING, RAN)) {
                task.run();
            }
        }

        @Override
        public boolean cancel() {
            if (!state.compareAndSet(PENDING, CANCELLED)) {
                return false;
            }
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            return true;
        }
    }

    /** Skips a tick while the previous run is still on its way or running. */
    private static final class Periodic implements Runnable, Cancellable {
        private final AtomicInteger running = new AtomicInteger();
        private final Runnable task;
        private volatile boolean cancelled;
        volatile ScheduledFuture<?> future;

        Periodic(Runnable task) {
            this.task = task;
        }

        void tick(Executor dispatch) {
            if (cancelled || !running.compareAndSet(0, 1)) {
                return;
            }
            try {
                dispatch.execute(this);
            } catch (RejectedExecutionException e) {
                running.set(0);
            }
        }

        @Override
        public void run() {
            try {
                if (!cancelled) {
                    task.run();
                }
            } catch (Throwable t) {
                log.error("periodic task {} threw", task, t);
            } finally {
                running.set(0);
            }
        }

        @Override
        public boolean cancel() {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            return true;
        }
    }
}
