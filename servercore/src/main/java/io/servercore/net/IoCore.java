package io.servercore.net;

import io.servercore.job.JobTimer;
import io.servercore.transport.LoopGroup;
import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.ArrayList;
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
 * The group comes from the {@link Transport} chosen: servercore's own selector loops (the
 * default on Linux) or the JDK's provider.
 *
 * <p>Sends that a {@link FlushBatch} defers (a room's broadcasts, the replies to many reads)
 * are flushed per session once the I/O events at hand are handled: on servercore's transport
 * at the end of the loop iteration of the thread that deferred them, so each session gets one
 * gathering write per iteration however many packets it was sent; on the JDK's, by a task
 * queued behind the events its threads already took. On the JDK's transport a write started
 * off its I/O threads goes through an epoll re-arm and a thread wake-up, so such writes are
 * moved onto an I/O thread ({@link #execute(Runnable)}); servercore's transport hands a write
 * to the channel's loop itself, with no syscall on the caller's thread.
 *
 * <p>Thread safety: all methods may be called from any thread. {@link #close()} closes the
 * services still open, waits a bounded time for their sessions to report, then stops the
 * threads.
 */
public final class IoCore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IoCore.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final String name;
    private final int threads;
    private final Transport transport;
    private final AsynchronousChannelGroup group;
    /** The group as servercore's transport, or null on the JDK's. */
    private final LoopGroup loops;
    private final Executor executor;
    private final JobTimer timer;
    private final List<Service> services = new CopyOnWriteArrayList<>();
    /** Sessions whose flush was deferred by a FlushBatch; drained by one task at a time. */
    private final MpscUnboundedXaddArrayQueue<Session> deferredFlushes = new MpscUnboundedXaddArrayQueue<>(256);
    private final AtomicBoolean flushTaskQueued = new AtomicBoolean();
    private final Runnable flushTask = this::flushDeferred;
    private volatile boolean closed;

    /** An engine with {@code threads} I/O threads named {@code io-N}, on the default transport. */
    public IoCore(int threads) throws IOException {
        this("io", threads);
    }

    /**
     * An engine on the {@linkplain Transport#defaultTransport() default transport}.
     *
     * @param name    prefix of the I/O threads' names
     * @param threads I/O threads, 1 or more; the number of cores is the usual choice
     */
    public IoCore(String name, int threads) throws IOException {
        this(name, threads, Transport.defaultTransport());
    }

    /**
     * @param name      prefix of the I/O threads' names
     * @param threads   I/O threads, 1 or more; the number of cores is the usual choice
     * @param transport the provider under the channel group
     */
    public IoCore(String name, int threads, Transport transport) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads=" + threads + ", min=1");
        }
        if (transport == null) {
            throw new IllegalArgumentException("transport=null, allowed: " + Transport.allowed());
        }
        this.name = name;
        this.threads = threads;
        this.transport = transport;
        AtomicInteger next = new AtomicInteger();
        ThreadFactory factory = task -> {
            int index = next.getAndIncrement();
            Thread thread = new IoThread(task, name + "-" + index, this, index);
            thread.setDaemon(true);
            return thread;
        };
        this.group = transport.open(threads, factory);
        this.loops = group instanceof LoopGroup ? (LoopGroup) group : null;
        // Both groups are Executors that queue onto their own threads; that is the hand-off the
        // proactor otherwise lacks.
        if (!(group instanceof Executor)) {
            group.shutdownNow();
            throw new IOException("this AsynchronousChannelGroup cannot run tasks: " + group.getClass());
        }
        this.executor = (Executor) group;
        this.timer = new JobTimer(name + "-timer", this::execute);
    }

    /** Whether the calling thread is an I/O thread of some {@code IoCore}. */
    public static boolean isIoThread() {
        return Thread.currentThread() instanceof IoThread;
    }

    /** The number of I/O threads. */
    public int threads() {
        return threads;
    }

    /**
     * The calling thread's number among this core's I/O threads, from 0 (a pool that replaced a
     * thread that died may hand out numbers up to past {@link #threads()}); -1 on any other thread.
     */
    int ioThreadIndex() {
        Thread thread = Thread.currentThread();
        return thread instanceof IoThread io && io.core == this ? io.index : -1;
    }

    /** The provider under the channel group. */
    public Transport transport() {
        return transport;
    }

    /**
     * Whether a write may be started on the calling thread without costing a wake-up of its
     * own: on servercore's transport anywhere (the channel's loop is handed the write), on the
     * JDK's only on an I/O thread.
     */
    boolean writesFromAnyThread() {
        return loops != null;
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
     * Flushes {@code session} once the I/O events at hand are handled. On one of this core's
     * loop threads (servercore's transport) the session joins the thread's list, flushed at the
     * end of the loop iteration: one gathering write per session per iteration. Elsewhere it
     * joins the core's queue for the deferred-flush task, which the group's executor puts behind
     * the I/O events its threads already took, so the flush covers the sends of all of them.
     */
    void deferFlush(Session session) {
        Thread thread = Thread.currentThread();
        if (loops != null && thread instanceof IoThread && ((IoThread) thread).core == this) {
            ((IoThread) thread).iterationFlushes.add(session, loops);
            return;
        }
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

    /** Marks the threads that may start I/O directly, and carries what only that thread touches. */
    private static final class IoThread extends Thread {
        final IoCore core;
        /** Its number among the core's threads: which stripe of a {@link ServiceStats} it counts into. */
        final int index;
        final IterationFlushes iterationFlushes = new IterationFlushes();

        IoThread(Runnable task, String name, IoCore core, int index) {
            super(task, name);
            this.core = core;
            this.index = index;
        }
    }

    /**
     * The sessions one loop thread deferred during its current iteration, flushed by one
     * end-of-iteration task. Confined to its thread: added to and run only there.
     */
    private static final class IterationFlushes implements Runnable {
        private final ArrayList<Session> sessions = new ArrayList<>();
        private boolean scheduled;

        void add(Session session, LoopGroup loops) {
            sessions.add(session);
            if (!scheduled) {
                scheduled = loops.runAtEndOfIteration(this);
                if (!scheduled) {
                    run(); // not a loop thread after all (its group is winding down): flush now
                }
            }
        }

        @Override
        public void run() {
            // By index: a flush that sends (an onSend hook) may defer more sessions onto this list.
            for (int i = 0; i < sessions.size(); i++) {
                sessions.get(i).flushDeferred();
            }
            sessions.clear();
            scheduled = false;
        }
    }
}
