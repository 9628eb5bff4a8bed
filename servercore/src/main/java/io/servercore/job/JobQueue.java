package io.servercore.job;

import io.servercore.net.FlushBatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock-free queue of jobs that one thread at a time runs, in push order: the course's
 * JobSerializer. Whatever an object (a room) keeps is touched only from its queue's jobs, so
 * it needs no lock and is never iterated while it changes.
 *
 * <p>"First pusher executes": the thread whose push finds the queue idle drains it, jobs
 * pushed meanwhile included. After a time budget the drainer stops and hands the rest to
 * the {@code handoff} executor (an I/O thread), so that no pusher is held up for long. Sends
 * made by the jobs are flushed per session when the drain ends ({@link FlushBatch}).
 *
 * <p>Thread safety: {@link #push(Runnable)} may be called from any thread, also from a job.
 * Jobs from one producer run in the order that producer pushed them; jobs never overlap.
 */
public final class JobQueue {
    /** Default drain budget before the rest is handed on. */
    public static final long DEFAULT_BUDGET_MICROS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    private static final AtomicIntegerFieldUpdater<JobQueue> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(JobQueue.class, "pending");

    private final MpscUnboundedXaddArrayQueue<Runnable> jobs = new MpscUnboundedXaddArrayQueue<>(256);
    private final Executor handoff;
    private final long budgetNanos;
    private final Runnable drainTask = this::drain;
    /** Jobs pushed and not yet run; the push that moves it from 0 owns the drain. */
    private volatile int pending;

    /** A queue that hands long drains to {@code handoff} after the default budget. */
    public JobQueue(Executor handoff) {
        this(handoff, DEFAULT_BUDGET_MICROS, TimeUnit.MICROSECONDS);
    }

    /**
     * @param handoff where the rest of a drain continues once the budget is spent
     * @param budget  how long one drain may run before it hands on: more than 0
     */
    public JobQueue(Executor handoff, long budget, TimeUnit unit) {
        if (handoff == null) {
            throw new IllegalArgumentException("handoff executor is required");
        }
        if (budget <= 0) {
            throw new IllegalArgumentException("budget=" + budget + " " + unit + ", min=1");
        }
        this.handoff = handoff;
        this.budgetNanos = unit.toNanos(budget);
    }

    /** Adds a job; if the queue was idle, runs it (and what follows) on this thread. */
    public void push(Runnable job) {
        if (job == null) {
            throw new IllegalArgumentException("job is null");
        }
        jobs.offer(job);
        if (PENDING.getAndIncrement(this) == 0) {
            drain();
        }
    }

    /** Jobs pushed and not yet finished, the running one included. */
    public int size() {
        return pending;
    }

    private void drain() {
        long deadline = System.nanoTime() + budgetNanos;
        FlushBatch.enter();
        try {
            for (;;) {
                Runnable job;
                while ((job = jobs.poll()) == null) {
                    Thread.onSpinWait(); // counted but not yet visible: the producer is mid-offer
                }
                try {
                    job.run();
                } catch (Throwable t) {
                    log.error("job {} threw; the queue goes on", job, t);
                }
                if (PENDING.decrementAndGet(this) == 0) {
                    return;
                }
                if (System.nanoTime() - deadline > 0 && handOff()) {
                    return;
                }
            }
        } finally {
            FlushBatch.exit();
        }
    }

    private boolean handOff() {
        try {
            handoff.execute(drainTask);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // nobody to hand to: keep draining here
        }
    }
}
