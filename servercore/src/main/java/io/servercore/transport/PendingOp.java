package io.servercore.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.ShutdownChannelGroupException;
import java.util.concurrent.TimeUnit;

/**
 * The one pending operation of one kind (read, write, connect, accept) a channel may have: its
 * handler, attachment, timeout and result. Each channel keeps one instance per kind for life
 * and reuses it, so starting an operation allocates nothing.
 *
 * <p>Life of an operation:
 * <pre>
 *   caller: tryAcquire (CAS pending 0 -&gt; 1; a loser throws XxxPendingException and changes nothing)
 *           prepare, submit -- start() inline on the owner, else offered to the owner's queue
 *   loop:   start: try the syscall, or arm (interest + timeout) and wait for readiness
 *           complete: result decided, timeout dropped; deliver inline or, when the handler
 *           stack is full, queue this op again marked "deferred"
 *           deliver: clear the fields, release pending (setRelease 0), then call the handler
 * </pre>
 * Every acquired operation is delivered exactly once: only the loop decides a result, and
 * once decided the op is neither armed nor in the timeout heap, so neither readiness, nor a
 * timeout, nor a close can decide it again. The pending flag is released only just before the
 * handler runs, so a second operation can never overtake the handler of the first.
 *
 * <p>Threading: {@code pending} is the only field other threads write (by CAS). The acquiring
 * thread writes the request fields before {@link #submit}; the queue hand-over publishes them
 * to the loop. From then on every field belongs to the owning loop's thread until
 * {@link #deliver} releases the op.
 */
abstract class PendingOp implements Runnable {
    /** Longer timeouts never fire: nanoTime arithmetic must not overflow. */
    private static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE / 4;
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(PendingOp.class, "pending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final EventLoop loop;
    private volatile int pending;

    // Request: written by the acquiring thread, then owned by the loop.
    private CompletionHandler<Object, Object> handler;
    private Object attachment;
    private boolean timed;
    /** System.nanoTime() by which the operation fails with InterruptedByTimeoutException. */
    long deadline;

    // Loop thread only.
    /** Waiting for readiness: a readiness event, the timeout or a close may decide it. */
    boolean armed;
    /** Slot in the loop's TimeoutQueue, -1 when not queued. */
    int heapIndex = -1;
    private boolean deferred;
    private Object result;
    private Throwable failure;

    PendingOp(EventLoop loop) {
        this.loop = loop;
    }

    /** Claims the op for a new operation; false if one is pending. Any thread. */
    final boolean tryAcquire() {
        return PENDING.compareAndSet(this, 0, 1);
    }

    /** Whether an operation is pending. Any thread; racy by nature, used for fast rejects. */
    final boolean isPending() {
        return (int) PENDING.getVolatile(this) != 0;
    }

    /** Stores the request; the acquiring thread, before {@link #submit}. */
    @SuppressWarnings("unchecked")
    final void prepare(Object attachment, CompletionHandler<?, ?> handler, long timeout, TimeUnit unit) {
        this.handler = (CompletionHandler<Object, Object>) handler;
        this.attachment = attachment;
        long nanos = timeout > 0 ? unit.toNanos(timeout) : 0;
        this.timed = nanos > 0 && nanos < MAX_TIMEOUT_NANOS;
        this.deadline = timed ? System.nanoTime() + nanos : 0;
    }

    /**
     * Starts the prepared operation: inline when the caller is the owning loop, otherwise handed
     * over through the loop's queue, with no syscall on the caller's thread.
     *
     * @throws ShutdownChannelGroupException if the group has terminated; the op is released
     */
    final void submit() {
        if (loop.inLoop()) {
            start();
        } else if (!loop.offer(this)) {
            handler = null;
            attachment = null;
            clear();
            PENDING.setRelease(this, 0);
            throw new ShutdownChannelGroupException();
        }
    }

    /** Loop: a handed-over start, or a deferred delivery. */
    @Override
    public final void run() {
        if (deferred) {
            deferred = false;
            loop.deliver(this);
        } else {
            loop.stats.increment(LoopCounter.HANDED_OVER);
            start();
        }
    }

    /** Loop: tries the operation, or arms it. */
    abstract void start();

    /** Drops the buffers or addresses of the finished request, so they can be collected. */
    abstract void clear();

    /** Loop: after arming, starts the timeout clock if the request had one. */
    final void armTimeout() {
        if (timed && heapIndex < 0) {
            loop.timeouts.add(this);
        }
    }

    /** Loop: the deadline passed while armed (the loop has taken it from the heap). */
    final void onTimeout() {
        fail(new InterruptedByTimeoutException());
    }

    final void succeed(Object value) {
        finish(value, null);
    }

    final void fail(Throwable cause) {
        finish(null, cause);
    }

    private void finish(Object value, Throwable cause) {
        armed = false;
        if (heapIndex >= 0) {
            loop.timeouts.remove(this);
        }
        result = value;
        failure = cause;
        loop.complete(this);
    }

    /** Loop: the handler stack is full; {@link #run} will deliver from the queue. */
    final void markDeferred() {
        deferred = true;
    }

    /** Loop: releases the op and calls the handler. */
    final void deliver() {
        CompletionHandler<Object, Object> h = handler;
        Object a = attachment;
        Object r = result;
        Throwable f = failure;
        handler = null;
        attachment = null;
        result = null;
        failure = null;
        timed = false;
        clear();
        PENDING.setRelease(this, 0);
        if (f == null) {
            h.completed(r, a);
        } else {
            h.failed(f, a);
        }
    }
}
