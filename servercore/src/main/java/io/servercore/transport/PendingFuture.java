package io.servercore.transport;

import java.io.IOException;
import java.nio.channels.AsynchronousChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link Future} of the Future-returning operations: the completion handler the operation
 * is given, and the future the caller waits on.
 *
 * <p>Cancelling follows the JDK's channels: the operation itself is not withdrawn (it may
 * already have moved bytes), so {@code onCancel} forbids further operations of that kind on
 * the channel, and {@code cancel(true)} also closes the channel.
 *
 * <p>Threading: completed on the owning loop; read and cancelled from any thread.
 */
final class PendingFuture<V> implements Future<V>, CompletionHandler<V, Object> {
    private final CompletableFuture<V> result = new CompletableFuture<>();
    private final AsynchronousChannel channel;
    private final Runnable onCancel;

    PendingFuture(AsynchronousChannel channel, Runnable onCancel) {
        this.channel = channel;
        this.onCancel = onCancel;
    }

    @Override
    public void completed(V value, Object attachment) {
        result.complete(value);
    }

    @Override
    public void failed(Throwable cause, Object attachment) {
        result.completeExceptionally(cause);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (!result.cancel(false)) {
            return false;
        }
        onCancel.run();
        if (mayInterruptIfRunning) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the future is cancelled either way
            }
        }
        return true;
    }

    @Override
    public boolean isCancelled() {
        return result.isCancelled();
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
        return result.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(timeout, unit);
    }
}
