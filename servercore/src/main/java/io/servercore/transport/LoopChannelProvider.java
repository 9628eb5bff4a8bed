package io.servercore.transport;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.IllegalChannelGroupException;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * servercore's {@link AsynchronousChannelProvider}: NIO.2's completion-handler API over
 * selector event loops, one per I/O thread ({@link LoopGroup}). Code written against
 * {@code AsynchronousSocketChannel.open(group)}, {@code read}, {@code write},
 * {@code accept}, {@code connect} and {@code close} runs unchanged on it, with the documented
 * semantics; only the port underneath differs from the JDK's: operations are tried at once on
 * the channel's own loop, readiness interest stays registered while a channel keeps reading,
 * work from other threads is handed over through a lock-free queue with at most one wake-up,
 * and a loop has an end of iteration ({@link LoopGroup#runAtEndOfIteration(Runnable)}).
 *
 * <p>Usage:
 * <pre>{@code
 * LoopGroup group = new LoopChannelProvider().openAsynchronousChannelGroup(threads, threadFactory);
 * AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group).bind(address);
 * }</pre>
 *
 * <p>It can also replace the JVM's default provider with
 * {@code -Djava.nio.channels.spi.AsynchronousChannelProvider=io.servercore.transport.LoopChannelProvider}.
 *
 * <p>Threading: all methods may be called from any thread.
 */
public final class LoopChannelProvider extends AsynchronousChannelProvider {
    private final Object defaultGroupLock = new Object();
    private LoopGroup defaultGroup; // guarded by defaultGroupLock

    /** A provider; each has its own default group, made on first use. */
    public LoopChannelProvider() {
    }

    /**
     * A group of {@code nThreads} event loops on threads made by {@code threadFactory}.
     *
     * @throws IllegalArgumentException if {@code nThreads} is less than 1
     */
    @Override
    public LoopGroup openAsynchronousChannelGroup(int nThreads, ThreadFactory threadFactory) throws IOException {
        return LoopGroup.withThreads(this, nThreads, threadFactory);
    }

    /**
     * A group of {@code max(1, initialSize)} event loops, each run as a long-lived task on
     * {@code executor}, which must be able to run that many tasks at once. The executor is
     * shut down when the group terminates.
     */
    @Override
    public LoopGroup openAsynchronousChannelGroup(ExecutorService executor, int initialSize) throws IOException {
        return LoopGroup.onExecutor(this, executor, initialSize);
    }

    @Override
    public AsynchronousServerSocketChannel openAsynchronousServerSocketChannel(AsynchronousChannelGroup group)
            throws IOException {
        LoopGroup loops = loopGroup(group);
        return LoopServerSocketChannel.open(loops, loops.loopForNewChannel());
    }

    @Override
    public AsynchronousSocketChannel openAsynchronousSocketChannel(AsynchronousChannelGroup group)
            throws IOException {
        LoopGroup loops = loopGroup(group);
        return LoopSocketChannel.open(loops, loops.loopForNewChannel());
    }

    private LoopGroup loopGroup(AsynchronousChannelGroup group) throws IOException {
        if (group == null) {
            return defaultGroup();
        }
        if (!(group instanceof LoopGroup) || group.provider() != this) {
            throw new IllegalChannelGroupException();
        }
        return (LoopGroup) group;
    }

    /** One loop per core on daemon threads, so that it never keeps the JVM alive. */
    private LoopGroup defaultGroup() throws IOException {
        synchronized (defaultGroupLock) {
            if (defaultGroup == null) {
                AtomicInteger next = new AtomicInteger();
                defaultGroup = openAsynchronousChannelGroup(Runtime.getRuntime().availableProcessors(), task -> {
                    Thread thread = new Thread(task, "servercore-loop-default-" + next.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return defaultGroup;
        }
    }

    @Override
    public String toString() {
        return "LoopChannelProvider";
    }
}
