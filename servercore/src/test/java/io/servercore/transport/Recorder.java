package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.CompletionHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A completion handler that records how often it was called, with what, and on which thread,
 * so a test can check "completed exactly once, on an I/O thread, with this result".
 */
class Recorder<V> implements CompletionHandler<V, Object> {
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch first = new CountDownLatch(1);
    private volatile V result;
    private volatile Throwable failure;
    private volatile Object attachment;
    private volatile Thread thread;

    @Override
    public void completed(V value, Object att) {
        record(value, null, att);
    }

    @Override
    public void failed(Throwable cause, Object att) {
        record(null, cause, att);
    }

    private void record(V value, Throwable cause, Object att) {
        if (calls.getAndIncrement() == 0) {
            result = value;
            failure = cause;
            attachment = att;
            thread = Thread.currentThread();
            first.countDown();
        }
    }

    /** Waits for the first call; fails after 10 s. */
    Recorder<V> await() throws InterruptedException {
        assertTrue(first.await(10, TimeUnit.SECONDS), "handler called within 10 s");
        return this;
    }

    boolean done() {
        return first.getCount() == 0;
    }

    int calls() {
        return calls.get();
    }

    V result() {
        return result;
    }

    Throwable failure() {
        return failure;
    }

    Object attachment() {
        return attachment;
    }

    Thread thread() {
        return thread;
    }

    /** Waits, then requires a success on an I/O thread and returns the result. */
    V awaitResult() throws InterruptedException {
        await();
        assertNull(failure, () -> "operation failed: " + failure);
        assertTrue(thread instanceof TestGroup.IoThread, () -> "completed on " + thread);
        return result;
    }

    /** Waits, then requires a failure of {@code type} on an I/O thread. */
    void awaitFailure(Class<? extends Throwable> type) throws InterruptedException {
        await();
        assertTrue(type.isInstance(failure), () -> "expected " + type.getSimpleName() + ", got "
                + (failure == null ? "result " + result : failure.toString()));
        assertTrue(thread instanceof TestGroup.IoThread, () -> "completed on " + thread);
    }

    void assertCalledOnce() {
        assertEquals(1, calls.get(), "handler calls");
    }
}
