package io.servercore.dummyclient;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets a periodic task run until {@link #close}, and never after: {@code close} waits for a
 * run in progress to end, so that whoever closed the gate may then touch what the task
 * owned. Cancelling a timer alone does not give that: a run already dispatched to an I/O
 * thread may still start.
 *
 * <p>Thread-safe: {@link #enter()} and {@link #exit()} bracket one run on whichever thread the
 * timer dispatches it to (the CAS also orders one run after the previous); {@link #close}
 * may be called from any thread.
 */
final class TickGate {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;

    private final AtomicInteger state = new AtomicInteger(IDLE);

    /** Whether this run may go ahead; if true, call {@link #exit()} when it ends. */
    boolean enter() {
        return state.compareAndSet(IDLE, RUNNING);
    }

    void exit() {
        state.compareAndSet(RUNNING, IDLE);
    }

    /**
     * Closes the gate once no run is going, waiting at most {@code timeoutNanos}.
     *
     * @return whether it is closed: no run is going and none will start
     */
    boolean close(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!state.compareAndSet(IDLE, CLOSED)) {
            if (state.get() == CLOSED) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }
}
