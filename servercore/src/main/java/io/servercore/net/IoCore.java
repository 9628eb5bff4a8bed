package io.servercore.net;

import io.servercore.job.JobTimer;
import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completion port: the course's IocpCore. Owns the {@link AsynchronousChannelGroup}
 * whose fixed pool of I/O threads runs every completion handler, and a {@link JobTimer}.
 *
 * <p>A read or write started on one of these threads is tried at once; one started anywhere
 * else goes through an epoll re-arm and a thread wake-up. {@link #execute(Runnable)} moves
 * work onto an I/O thread for that reason, and {@link #isIoThread()} tells whether the
 * caller is on one.
 *
 * <p>Thread safety: all methods may be called from any thread. {@link #close()} closes the
 * services still open, waits a bounded time for their sessions to report, then stops the
 * threads.
 */
public final class IoCore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IoCore.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final String name;
    private final AsynchronousChannelGroup group;
    private final Executor executor;
    private final JobTimer timer;
    private final List<Service> services = new CopyOnWriteArrayList<>();
    /** Sessions whose flush was deferred by a FlushBatch; drained by one task at a time. */
    private final MpscUnboundedXaddArrayQueue<Session> deferredFlushes = new MpscUnboundedXaddArrayQueue<>(256);
    private final AtomicBoolean flushTaskQueued = new AtomicBoolean();
    private final Runnable flushTask = this::flushDeferred;
    private volatile boolean closed;

    /** An engine with {@code threads} I/O threads named {@code io-N}. */
    public IoCore(int threads) throws IOException {
        this("io", threads);
    }

    /**
     * @param name    prefix of the I/O threads' names
     * @param threads I/O threads, 1 or more; the number of cores is the usual choice
     */
    public IoCore(String name, int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads=" + threads + ", min=1");
        }
        this.name = name;
        AtomicInteger next = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new IoThread(task, name + "-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
        this.group = AsynchronousChannelGroup.withFixedThreadPool(threads, factory);
        // The JDK's group implementation is an Executor that queues onto its own threads;
        // that is the hand-off the proactor otherwise lacks.
        if (!(group instanceof Executor)) {
            group.shutdownNow();
            throw new IOException("this JDK's AsynchronousChannelGroup cannot run tasks: " + group.getClass());
        }
        this.executor = (Executor) group;
        this.timer = new JobTimer(name + "-timer", this::execute);
    }

    /** Whether the calling thread is an I/O thread of some {@code IoCore}. */
    public static boolean isIoThread() {
        return Thread.currentThread() instanceof IoThread;
    }

    /** The channel group; channels opened on it complete on this core's threads. */
    public AsynchronousChannelGroup group() {
        return group;
    }

    /** The timer whose tasks run on this core's I/O threads. */
    public JobTimer timer() {
        return timer;
    }

    /**
     * Runs {@code task} on an I/O thread.
     *
     * @throws RejectedExecutionException once the core is shut down
     */
    public void execute(Runnable task) {
        if (group.isShutdown()) {
            throw new RejectedExecutionException(name + " is shut down");
        }
        executor.execute(task);
    }

    /** Runs {@code task} on an I/O thread, or right here when the core no longer runs tasks. */
    void executeOrRun(Runnable task) {
        try {
            execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /**
     * Queues {@code session} for the deferred-flush task, and queues the task if it is not
     * queued yet. The group's executor puts the task behind the I/O events its threads already
     * took from epoll, so the flush covers the sends of all of them.
     */
    void deferFlush(Session session) {
        deferredFlushes.offer(session);
        if (flushTaskQueued.compareAndSet(false, true)) {
            try {
                executor.execute(flushTask);
            } catch (RejectedExecutionException shutDown) {
                flushDeferred(); // this thread holds the task's token: nobody else drains
            }
        }
    }

    private void flushDeferred() {
        for (;;) {
            Session session;
            while ((session = deferredFlushes.poll()) != null) {
                session.flushDeferred();
            }
            flushTaskQueued.set(false);
            if (deferredFlushes.isEmpty() || !flushTaskQueued.compareAndSet(false, true)) {
                return;
            }
        }
    }

    void register(Service service) {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        services.add(service);
    }

    void unregister(Service service) {
        services.remove(service);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes every open service, waits up to 5 s for their sessions to report, stops the threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (Service service : services) {
            service.close();
        }
        for (Service service : services) {
            long left = deadline - System.nanoTime();
            if (!service.awaitSessionsClosed(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                log.warn("{}: {} sessions of {} did not close in time", name, service.sessionCount(), service);
            }
        }
        timer.close();
        try {
            group.shutdownNow();
            if (!group.awaitTermination(Math.max(0, deadline - System.nanoTime()) + 1_000_000_000L, TimeUnit.NANOSECONDS)) {
                log.warn("{}: I/O threads did not stop in time", name);
            }
        } catch (IOException e) {
            log.warn("{}: shutting the channel group down failed", name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "IoCore(" + name + ")";
    }

    /** Marks the threads that may start I/O directly. */
    private static final class IoThread extends Thread {
        IoThread(Runnable task, String name) {
            super(task, name);
        }
    }
}
