package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel group for one test: its threads are {@link IoThread}s, so a test can tell where a
 * handler ran. Anything a handler records with {@link #fail}, a handler or task that throws
 * (counted by our loop, uncaught on the JDK's threads), fails the test when the group is
 * closed. {@link #close()} shuts the group down and requires it to terminate.
 */
final class TestGroup implements AutoCloseable {
    /** Marks the group's threads, as the engine marks its I/O threads. */
    static final class IoThread extends Thread {
        IoThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }

    private volatile long expectedHandlerFailures;
    final Transport transport;
    final AsynchronousChannelGroup group;
    final int threads;
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Queue<Thread> created = new ConcurrentLinkedQueue<>();

    TestGroup(Transport transport, int threads) throws IOException {
        this.transport = transport;
        this.threads = threads;
        AtomicInteger next = new AtomicInteger();
        this.group = transport.open(threads, task -> {
            Thread thread = new IoThread(task, transport + "-io-" + next.getAndIncrement());
            thread.setUncaughtExceptionHandler((t, e) -> fail("uncaught " + e));
            created.add(thread);
            return thread;
        });
    }

    /** The LoopGroup of a LOOP test. */
    LoopGroup loops() {
        return (LoopGroup) group;
    }

    /** Records a failure seen on an I/O thread; the test fails at {@link #close()}. */
    void fail(String what) {
        failures.add(what + " [on " + Thread.currentThread().getName() + "]");
    }

    /** For a test whose handlers throw on purpose. */
    void expectHandlerFailures(long count) {
        expectedHandlerFailures = count;
    }

    Queue<String> failures() {
        return failures;
    }

    Queue<Thread> threadsCreated() {
        return created;
    }

    static boolean onIoThread() {
        return Thread.currentThread() instanceof IoThread;
    }

    /**
     * Occupies every I/O thread with a task that waits for the returned latch, and returns once
     * all of them run: until the latch is released, no handler can run and no readiness event
     * is processed. Both providers' groups are Executors that run tasks on their I/O threads.
     */
    CountDownLatch blockIoThreads() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(threads);
        Executor executor = (Executor) group;
        for (int i = 0; i < threads; i++) {
            executor.execute(() -> {
                running.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        fail("blocked I/O thread was never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(running.await(10, TimeUnit.SECONDS), "every I/O thread is blocked");
        return release;
    }

    @Override
    public void close() throws IOException {
        group.shutdownNow();
        try {
            assertTrue(group.awaitTermination(10, TimeUnit.SECONDS), transport + " group terminates");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the group terminated", e);
        }
        if (transport == Transport.LOOP) {
            long thrown = loops().count(LoopCounter.HANDLER_FAILURES);
            if (thrown != expectedHandlerFailures) {
                failures.add(thrown + " handlers or tasks threw (see the log), expected " + expectedHandlerFailures);
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("failures on I/O threads: " + failures);
        }
    }
}
