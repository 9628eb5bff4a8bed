package io.servercore.transport;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ShutdownChannelGroupException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread of a {@link LoopGroup}: a {@link Selector}, an MPSC task queue, the
 * timeouts of its operations and the end-of-iteration tasks. Every channel belongs to exactly
 * one loop for life; all of its I/O and all of its completion handlers run here.
 *
 * <p>One iteration:
 * <pre>
 *   select     block (parked) only when no task, end task or expired timeout waits; else selectNow
 *   I/O        each ready key: reads, writes, accepts, connects; handlers inline
 *   timeouts   operations past their deadline fail with InterruptedByTimeoutException
 *   tasks      at most the tasks queued when this phase began (later ones: next iteration)
 *   end tasks  runAtEndOfIteration tasks, including those they add, up to END_TASK_BUDGET
 * </pre>
 *
 * <p>Hand-over and wake-up: one {@code state} word holds PARKED, CLOSED and the number of
 * producers inside {@link #offer}. Before a select that may block, the loop sets PARKED and
 * then looks at the queue once more; a producer enqueues and then looks at PARKED; both are
 * atomic read-modify-writes, so one of them sees the other (Dekker). Only the producer whose
 * CAS clears PARKED calls {@code Selector.wakeup()}: at most one wake-up per park, and none
 * for a loop that is running. The producer count lets the loop, once closed, wait out
 * producers that are between their check and their enqueue, so a task is either run or
 * refused ({@link #offer} returns false), never lost.
 *
 * <p>Recursion: handlers are called with a depth counter; at {@link #MAX_HANDLER_DEPTH}
 * nested calls the completion goes to the queue instead, so a handler that keeps re-issuing
 * operations that complete at once cannot overflow the stack.
 *
 * <p>Threading: {@link #offer}, {@link #requestStop}, {@link #inLoop} and {@link #stats} are for
 * any thread. Everything else (the selector's keys, {@code timeouts}, {@code endTasks},
 * {@code depth}, the loop-side state of channels and operations) belongs to the loop's thread.
 */
final class EventLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

    /** Nested handler calls on one loop's stack before completions go to the queue. */
    static final int MAX_HANDLER_DEPTH = 16;
    /** End-of-iteration tasks run per iteration at most; the rest run at the next one. */
    static final int END_TASK_BUDGET = 16_384;

    private static final int PARKED = 1;
    private static final int CLOSED = 2;
    private static final int PRODUCER = 4;
    private static final int PRODUCER_MASK = -PRODUCER;
    private static final VarHandle STATE;
    private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(EventLoop.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final LoopGroup group;
    final Selector selector;
    final LoopStats stats = new LoopStats();
    final TimeoutQueue timeouts = new TimeoutQueue();
    private final String name;
    private final MpscUnboundedXaddArrayQueue<Runnable> tasks = new MpscUnboundedXaddArrayQueue<>(1024);
    private final ArrayDeque<Runnable> endTasks = new ArrayDeque<>();
    private final Consumer<SelectionKey> onKey = this::onKey;
    private volatile int state;
    private volatile boolean stopRequested;
    private volatile Thread thread;
    private int depth;

    EventLoop(LoopGroup group, Selector selector, String name) {
        this.group = group;
        this.selector = selector;
        this.name = name;
    }

    /** The loop whose thread is calling, or null. */
    static EventLoop current() {
        return CURRENT.get();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The loop's thread, null until it started. */
    Thread thread() {
        return thread;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        CURRENT.set(this);
        try {
            while (!stopRequested) {
                iterate();
            }
            drainAndClose();
        } finally {
            CURRENT.remove();
            group.loopEnded();
        }
    }

    private void iterate() {
        stats.increment(LoopCounter.ITERATIONS);
        try {
            select();
        } catch (IOException | RuntimeException e) {
            log.warn("{}: select failed", name, e);
        }
        expireTimeouts();
        runTasks();
        runEndTasks();
    }

    private void select() throws IOException {
        if (!endTasks.isEmpty() || !tasks.isEmpty()) {
            selector.selectNow(onKey);
            return;
        }
        long timeoutMillis = 0; // 0: no deadline, block until an event or a wake-up
        PendingOp first = timeouts.peek();
        if (first != null) {
            long wait = first.deadline - System.nanoTime();
            if (wait <= 0) {
                selector.selectNow(onKey);
                return;
            }
            timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)); // never early
        }
        // Counted when advertised: a producer may wake this park even if the check below aborts it.
        stats.increment(LoopCounter.PARKS);
        STATE.getAndBitwiseOr(this, PARKED);
        if (!tasks.isEmpty() || stopRequested) {
            STATE.getAndBitwiseAnd(this, ~PARKED);
            selector.selectNow(onKey);
            return;
        }
        try {
            if (timeoutMillis == 0) {
                selector.select(onKey);
            } else {
                selector.select(onKey, timeoutMillis);
            }
        } finally {
            STATE.getAndBitwiseAnd(this, ~PARKED);
        }
    }

    private void onKey(SelectionKey key) {
        try {
            if (key.isValid()) {
                ((LoopChannel) key.attachment()).onReady(key.readyOps());
            }
        } catch (CancelledKeyException closedByAnEarlierHandler) {
            // the channel's close task fails what was pending
        } catch (RuntimeException | Error e) {
            stats.increment(LoopCounter.HANDLER_FAILURES);
            log.warn("{}: I/O event of {} failed", name, key.attachment(), e);
        }
    }

    private void expireTimeouts() {
        PendingOp first = timeouts.peek();
        if (first == null) {
            return;
        }
        long now = System.nanoTime();
        while (first != null && first.deadline - now <= 0) {
            timeouts.poll();
            first.onTimeout();
            first = timeouts.peek();
        }
    }

    /** Runs what was queued when the phase began; what those tasks queue waits an iteration. */
    private void runTasks() {
        for (int budget = tasks.size(); budget > 0; budget--) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            runTask(task);
        }
    }

    private void runEndTasks() {
        Runnable task;
        for (int budget = END_TASK_BUDGET; budget > 0 && (task = endTasks.poll()) != null; budget--) {
            runTask(task);
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            stats.increment(LoopCounter.HANDLER_FAILURES);
            log.warn("{}: task {} threw", name, task, e);
        }
    }

    /**
     * Queues {@code task} from a thread other than this loop's and wakes the loop if it is
     * parked. Returns false, having queued nothing, once the loop has closed.
     */
    boolean offer(Runnable task) {
        int s = (int) STATE.getAndAdd(this, PRODUCER);
        if ((s & CLOSED) != 0) {
            STATE.getAndAdd(this, -PRODUCER);
            return false;
        }
        tasks.offer(task);
        s = (int) STATE.getAndAdd(this, -PRODUCER);
        if ((s & PARKED) != 0) {
            wake();
        }
        return true;
    }

    /** Queues {@code task} from this loop's own thread: no count, no wake-up needed. */
    void offerLocal(Runnable task) {
        tasks.offer(task);
    }

    /** Queues {@code task} from any thread; false if the loop has closed. */
    boolean post(Runnable task) {
        if (inLoop()) {
            offerLocal(task);
            return true;
        }
        return offer(task);
    }

    /** Wakes the loop if it is parked; of all threads that try, only the CAS winner calls wakeup. */
    private void wake() {
        int s;
        while (((s = state) & PARKED) != 0) {
            if (STATE.compareAndSet(this, s, s & ~PARKED)) {
                stats.incrementShared(LoopCounter.WAKEUPS);
                selector.wakeup();
                return;
            }
        }
    }

    /** Loop thread: runs {@code task} after this iteration's events and tasks. */
    void addEndTask(Runnable task) {
        endTasks.add(task);
    }

    /** Any thread: the loop ends after its current iteration (the group has terminated). */
    void requestStop() {
        stopRequested = true;
        wake();
    }

    /** Loop: delivers a decided operation, inline unless the handler stack is full. */
    void complete(PendingOp op) {
        if (depth < MAX_HANDLER_DEPTH) {
            deliver(op);
        } else {
            stats.increment(LoopCounter.DEFERRED);
            op.markDeferred();
            offerLocal(op);
        }
    }

    void deliver(PendingOp op) {
        depth++;
        try {
            op.deliver();
        } catch (RuntimeException | Error e) {
            stats.increment(LoopCounter.HANDLER_FAILURES);
            log.warn("{}: completion handler threw", name, e);
        } finally {
            depth--;
        }
    }

    /**
     * Delivers a result decided at request time on this loop: inline when the caller is this
     * loop and the stack has room, else through the queue.
     *
     * @throws ShutdownChannelGroupException if the loop has closed
     */
    void completeNow(Completion completion) {
        if (!inLoop()) {
            if (!offer(completion)) {
                throw new ShutdownChannelGroupException();
            }
        } else if (depth < MAX_HANDLER_DEPTH) {
            depth++;
            try {
                completion.run();
            } catch (RuntimeException | Error e) {
                stats.increment(LoopCounter.HANDLER_FAILURES);
                log.warn("{}: completion handler threw", name, e);
            } finally {
                depth--;
            }
        } else {
            stats.increment(LoopCounter.DEFERRED);
            offerLocal(completion);
        }
    }

    /** Counts a read or write syscall, and one made off this loop's thread, which must not happen. */
    void countSyscall(LoopCounter counter) {
        if (inLoop()) {
            stats.increment(counter);
        } else {
            stats.incrementShared(LoopCounter.OFF_LOOP_SYSCALLS);
        }
    }

    /**
     * The group has terminated: every channel is closed. Refuses new tasks, waits out producers
     * already past their check, runs everything queued (handlers of the last closes among
     * them), then closes the selector, which closes the sockets of the deregistered channels.
     */
    private void drainAndClose() {
        STATE.getAndBitwiseOr(this, CLOSED);
        for (int spins = 0; ((int) STATE.getVolatile(this) & PRODUCER_MASK) != 0; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        do {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                runTask(task);
            }
            while ((task = endTasks.poll()) != null) {
                runTask(task);
            }
        } while (!tasks.isEmpty());
        try {
            selector.close();
        } catch (IOException e) {
            log.warn("{}: closing the selector failed", name, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
