package io.servercore.transport;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.Selector;
import java.nio.channels.ShutdownChannelGroupException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel group of {@link LoopChannelProvider}: a fixed set of event loops, each one thread
 * with its own selector. Every channel of the group is owned by one loop for life, and all of
 * its I/O and completion handlers run on that loop's thread. Channels opened on a loop thread
 * of this group stay on that loop; others, and accepted channels, go to the loops in turn.
 *
 * <p>Beyond {@link AsynchronousChannelGroup}, the group is an {@link Executor} that runs tasks
 * on its loop threads, and offers {@link #runAtEndOfIteration(Runnable)}, the point at which an
 * engine can write once for everything its handlers produced during an iteration.
 *
 * <p>Life cycle: {@link #shutdown()} refuses new channels and tasks; the group terminates once
 * its last channel has closed: every loop then runs what is still queued and ends.
 * {@link #shutdownNow()} also closes every open channel; their pending operations fail with
 * {@code AsynchronousCloseException} on their loops. {@link #isTerminated()} holds once every
 * channel has closed and every loop thread has ended.
 *
 * <p>Threading: every public method may be called from any thread. The set of open channels
 * and the shutdown state are guarded by one lock, held only to change them (never across a
 * close, a handler or I/O).
 */
public final class LoopGroup extends AsynchronousChannelGroup implements Executor {
    private final EventLoop[] loops;
    private final Thread[] threads;
    private final ExecutorService executor;
    // Separate turns for accepted and opened channels: with one counter, a server that accepts
    // and connects alternately would put every accepted channel on the same loop.
    private final AtomicInteger nextForOpened = new AtomicInteger();
    private final AtomicInteger nextForAccepted = new AtomicInteger();
    private final AtomicInteger nextForTask = new AtomicInteger();
    private final CountDownLatch loopsEnded;
    private final AtomicInteger loopsAlive;
    private final Object lock = new Object();
    private final Set<LoopChannel> channels = new HashSet<>(); // guarded by lock
    private boolean stopping; // guarded by lock
    private volatile boolean shutdown;

    /** Exactly one of {@code factory} and {@code executor}: where the loops run. */
    private LoopGroup(LoopChannelProvider provider, int loopCount, ThreadFactory factory, ExecutorService executor)
            throws IOException {
        super(provider);
        this.loops = new EventLoop[loopCount];
        this.threads = factory == null ? null : new Thread[loopCount];
        this.executor = executor;
        this.loopsEnded = new CountDownLatch(loopCount);
        this.loopsAlive = new AtomicInteger(loopCount);
        try {
            for (int i = 0; i < loopCount; i++) {
                loops[i] = new EventLoop(this, Selector.open(), "loop-" + i);
            }
        } catch (IOException e) {
            closeSelectors(e);
            throw e;
        }
        if (factory != null) {
            // made here, so that the array is complete when the constructor publishes the group
            for (int i = 0; i < loopCount; i++) {
                Thread thread = factory.newThread(loops[i]);
                if (thread == null) {
                    IllegalStateException e = new IllegalStateException("thread factory returned null for loop " + i);
                    closeSelectors(e);
                    throw e;
                }
                threads[i] = thread;
            }
        }
    }

    /** A group whose {@code loopCount} loops run on threads made by {@code factory}. */
    static LoopGroup withThreads(LoopChannelProvider provider, int loopCount, ThreadFactory factory)
            throws IOException {
        if (loopCount < 1) {
            throw new IllegalArgumentException("nThreads=" + loopCount + ", min=1");
        }
        LoopGroup group = new LoopGroup(provider, loopCount, Objects.requireNonNull(factory, "threadFactory"), null);
        for (Thread thread : group.threads) {
            thread.start();
        }
        return group;
    }

    /**
     * A group whose loops run as tasks on {@code executor}, which must be able to run
     * {@code max(1, initialSize)} tasks at once; it is shut down when the group terminates.
     */
    static LoopGroup onExecutor(LoopChannelProvider provider, ExecutorService executor, int initialSize)
            throws IOException {
        LoopGroup group = new LoopGroup(provider, Math.max(1, initialSize), null,
                Objects.requireNonNull(executor, "executor"));
        for (EventLoop loop : group.loops) {
            executor.execute(loop);
        }
        return group;
    }

    private void closeSelectors(Exception cause) {
        for (EventLoop loop : loops) {
            if (loop != null) {
                try {
                    loop.selector.close();
                } catch (IOException suppressed) {
                    cause.addSuppressed(suppressed);
                }
            }
        }
    }

    // ---- the engine's API

    /** Whether the calling thread is one of this group's loop threads. */
    public boolean isLoopThread() {
        EventLoop current = EventLoop.current();
        return current != null && current.group == this;
    }

    /**
     * Runs {@code task} on the calling loop thread after the I/O events and queued tasks of
     * the current iteration have been handled, before the loop selects again. Tasks that
     * end-of-iteration tasks add run in the same phase, up to 16,384 per iteration; the rest
     * run at the end of the next iteration, which then does not block.
     *
     * @param task what to run; it runs once
     * @return true if the task was queued; false, and nothing happens, when the caller is not a
     *         loop thread of this group
     */
    public boolean runAtEndOfIteration(Runnable task) {
        Objects.requireNonNull(task, "task");
        EventLoop current = EventLoop.current();
        if (current == null || current.group != this) {
            return false;
        }
        current.addEndTask(task);
        return true;
    }

    /**
     * Runs {@code task} on a loop thread: on the caller's own loop if the caller is one of this
     * group's loop threads (queued behind the current iteration's events), else on the loops in
     * turn.
     *
     * @throws RejectedExecutionException once the group is shut down
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (shutdown) {
            throw new RejectedExecutionException(this + " is shut down");
        }
        EventLoop current = EventLoop.current();
        if (current != null && current.group == this) {
            current.offerLocal(task);
        } else if (!next(nextForTask).offer(task)) {
            throw new RejectedExecutionException(this + " has terminated");
        }
    }

    // ---- channels

    /** The loop a new channel opened by the calling thread goes to. */
    EventLoop loopForNewChannel() {
        EventLoop current = EventLoop.current();
        return current != null && current.group == this ? current : next(nextForOpened);
    }

    /** The loop an accepted channel goes to. */
    EventLoop loopForAccepted() {
        return next(nextForAccepted);
    }

    private EventLoop next(AtomicInteger turn) {
        return loops[(turn.getAndIncrement() & Integer.MAX_VALUE) % loops.length];
    }

    /** @throws ShutdownChannelGroupException once the group is shut down */
    void register(LoopChannel channel) {
        synchronized (lock) {
            if (shutdown) {
                throw new ShutdownChannelGroupException();
            }
            channels.add(channel);
        }
    }

    /** The channel has closed and its pending operations have been failed. */
    void deregister(LoopChannel channel) {
        boolean terminate;
        synchronized (lock) {
            channels.remove(channel);
            terminate = claimTermination();
        }
        if (terminate) {
            stopLoops();
        }
    }

    /** Under lock: whether this caller is the one that ends the loops. */
    private boolean claimTermination() {
        if (shutdown && channels.isEmpty() && !stopping) {
            stopping = true;
            return true;
        }
        return false;
    }

    private void stopLoops() {
        for (EventLoop loop : loops) {
            loop.requestStop();
        }
    }

    /** A loop's last act. The executor is shut down before the count reaches zero, so that
     * awaitTermination returning true implies it. */
    void loopEnded() {
        if (loopsAlive.decrementAndGet() == 0 && executor != null) {
            executor.shutdown();
        }
        loopsEnded.countDown();
    }

    // ---- life cycle

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        if (loopsEnded.getCount() != 0) {
            return false;
        }
        if (threads != null) {
            for (Thread thread : threads) {
                if (thread.isAlive()) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void shutdown() {
        boolean terminate;
        synchronized (lock) {
            shutdown = true;
            terminate = claimTermination();
        }
        if (terminate) {
            stopLoops();
        }
    }

    @Override
    public void shutdownNow() throws IOException {
        List<LoopChannel> open;
        boolean terminate;
        synchronized (lock) {
            shutdown = true;
            open = new ArrayList<>(channels);
            terminate = claimTermination();
        }
        for (LoopChannel channel : open) {
            channel.closeQuietly(); // the last close's task ends the loops
        }
        if (terminate) {
            stopLoops();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!loopsEnded.await(timeout, unit)) {
            return false;
        }
        if (threads != null) {
            for (Thread thread : threads) {
                TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
                if (thread.isAlive()) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- for tests in this package

    long count(LoopCounter counter) {
        long total = 0;
        for (EventLoop loop : loops) {
            total += loop.stats.get(counter);
        }
        return total;
    }

    EventLoop[] loops() {
        return loops.clone();
    }

    @Override
    public String toString() {
        return "LoopGroup[loops=" + loops.length + (shutdown ? ", shut down" : "") + "]";
    }
}
