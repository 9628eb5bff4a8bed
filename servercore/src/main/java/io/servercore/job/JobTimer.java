package io.servercore.job;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work after a delay: {@link #pushAfter} puts a job on a {@link JobQueue} once its time
 * has come (the course's JobTimer), {@link #schedule} and {@link #scheduleAtFixedRate} run a
 * task. One timer thread keeps the clock; the work itself is dispatched to an executor (the
 * I/O threads), so that sends it makes start where NIO.2 can write at once.
 *
 * <p>Work never runs before its delay has passed. Cancelling is a promise: once
 * {@link Cancellable#cancel()} has returned {@code true}, the work does not start again, and a
 * run that was under way on another thread has ended, so the canceller may touch what the work
 * touched. (Cancelled from inside its own run, that run finishes after {@code cancel} returns.)
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class JobTimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobTimer.class);

    private final TimerClock clock;
    private final Executor dispatch;

    /**
     * @param name     the timer thread's name
     * @param dispatch where due work runs
     */
    public JobTimer(String name, Executor dispatch) {
        this(TimerClock.thread(name), dispatch);
    }

    JobTimer(TimerClock clock, Executor dispatch) {
        this.clock = clock;
        this.dispatch = dispatch;
    }

    /** Pushes {@code job} onto {@code queue} once {@code delay} has passed. */
    public Cancellable pushAfter(JobQueue queue, Runnable job, long delay, TimeUnit unit) {
        // The push itself goes through the dispatcher so the queue drains on an I/O thread.
        return schedule(() -> queue.push(job), delay, unit);
    }

    /** Runs {@code task} on the dispatch executor once {@code delay} has passed. */
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Once once = new Once(task);
        once.tick = clock.schedule(() -> dispatch(once), Math.max(0, unit.toNanos(delay)));
        return once;
    }

    /**
     * Runs {@code task} on the dispatch executor every {@code period}, first after one period.
     * Runs never overlap: one that is still going (or still waiting for a dispatch thread) when
     * the next is due delays the next until it ended, and periods missed meanwhile are not made
     * up, so a slow run is followed by one run, not a burst.
     */
    public Cancellable scheduleAtFixedRate(Runnable task, long period, TimeUnit unit) {
        long periodNanos = unit.toNanos(period);
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period=" + period + " " + unit + ", min=1 ns");
        }
        Periodic periodic = new Periodic(task, periodNanos);
        periodic.arm(clock.nanoTime() + periodNanos);
        return periodic;
    }

    /** Stops the clock; pending work is dropped. */
    @Override
    public void close() {
        clock.shutdown();
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
        volatile Cancellable tick;

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
            Cancellable t = tick;
            if (t != null) {
                t.cancel();
            }
            return true;
        }
    }

    /**
     * A repeating task as a state machine: the clock's tick moves it from ARMED to QUEUED and
     * dispatches it, the run moves it to RUNNING and, when done, back to ARMED for the next due
     * time. {@code cancel} moves any state to CANCELLED in one CAS, so no step that follows a
     * cancel can start a run; {@link #runner} lets it wait out a run already under way.
     */
    private final class Periodic implements Runnable, Cancellable {
        private static final int ARMED = 0;
        private static final int QUEUED = 1;
        private static final int RUNNING = 2;
        private static final int CANCELLED = 3;

        private final AtomicInteger state = new AtomicInteger(ARMED);
        private final Runnable task;
        private final long periodNanos;
        /** When the current period is due, on the clock; written by whoever arms, read by the run. */
        private long due;
        /** The thread of the run under way; set before the CAS that makes it RUNNING, cleared after. */
        private volatile Thread runner;
        private volatile Cancellable tick;

        Periodic(Runnable task, long periodNanos) {
            this.task = task;
            this.periodNanos = periodNanos;
        }

        void arm(long dueAt) {
            due = dueAt;
            try {
                tick = clock.schedule(this::tick, Math.max(0, dueAt - clock.nanoTime()));
            } catch (RejectedExecutionException closed) {
                state.set(CANCELLED); // the timer is closed: nothing runs again
            }
        }

        /** On the clock's thread: hands the due run to the dispatcher. */
        private void tick() {
            if (!state.compareAndSet(ARMED, QUEUED)) {
                return; // cancelled
            }
            try {
                dispatch.execute(this);
            } catch (RejectedExecutionException e) {
                state.compareAndSet(QUEUED, CANCELLED);
                log.debug("periodic task {} stopped: the dispatcher is shut down", task);
            }
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                runner = null;
                return; // cancelled after the tick
            }
            try {
                task.run();
            } catch (Throwable t) {
                log.error("periodic task {} threw", task, t);
            } finally {
                runner = null;
            }
            if (state.compareAndSet(RUNNING, ARMED)) {
                long now = clock.nanoTime();
                long next = due + periodNanos;
                arm(next - now > 0 ? next : now);
            }
        }

        @Override
        public boolean cancel() {
            for (;;) {
                int s = state.get();
                if (s == CANCELLED) {
                    return false;
                }
                if (state.compareAndSet(s, CANCELLED)) {
                    Cancellable t = tick;
                    if (t != null) {
                        t.cancel();
                    }
                    if (s == RUNNING) {
                        awaitRunEnd();
                    }
                    return true;
                }
            }
        }

        /** Runs are short jobs on I/O threads: a park loop waits one out without a lock on the run path. */
        private void awaitRunEnd() {
            Thread current = Thread.currentThread();
            Thread running;
            while ((running = runner) != null && running != current) {
                LockSupport.parkNanos(50_000);
            }
        }
    }
}
