package io.servercore.job;

import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link TimerClock} that stands still until the test moves it: {@link #advance} runs every
 * tick that has come due, in due order, on the calling thread.
 *
 * <p>Thread-safe: ticks may be scheduled and cancelled from any thread; {@code advance} runs
 * the ticks outside the lock.
 */
final class ManualClock implements TimerClock {
    private final PriorityQueue<Tick> ticks = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long sequence;
    private boolean shutdown;

    private final class Tick implements Comparable<Tick>, Cancellable {
        final long due;
        final long order;
        final Runnable task;

        Tick(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Tick other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
        }

        @Override
        public boolean cancel() {
            synchronized (ManualClock.this) {
                return ticks.remove(this);
            }
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Runnable tick, long delayNanos) {
        if (shutdown) {
            throw new RejectedExecutionException("clock shut down");
        }
        Tick t = new Tick(now + delayNanos, sequence++, tick);
        ticks.add(t);
        return t;
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        ticks.clear();
    }

    /** Ticks waiting to come due. */
    synchronized int pending() {
        return ticks.size();
    }

    /** Moves the clock forward by {@code nanos}, running each tick as its time comes. */
    void advance(long nanos) {
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        for (;;) {
            Tick due;
            synchronized (this) {
                Tick next = ticks.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                due = ticks.poll();
                now = due.due;
            }
            due.task.run();
        }
    }
}
