package io.servercore.transport;

import java.nio.channels.CompletionHandler;

/**
 * A result decided when the operation was requested (the channel was closed, the buffer was
 * full, input was shut down) that must still reach its handler on the owning loop's thread.
 * Allocated only on those paths; operations that do I/O use their channel's reusable
 * {@link PendingOp} instead.
 *
 * <p>Threading: built by the requesting thread, run once by the owning loop.
 */
final class Completion implements Runnable {
    private final CompletionHandler<Object, Object> handler;
    private final Object attachment;
    private final Object result;
    private final Throwable failure;

    @SuppressWarnings("unchecked")
    Completion(CompletionHandler<?, ?> handler, Object attachment, Object result, Throwable failure) {
        this.handler = (CompletionHandler<Object, Object>) handler;
        this.attachment = attachment;
        this.result = result;
        this.failure = failure;
    }

    @Override
    public void run() {
        if (failure == null) {
            handler.completed(result, attachment);
        } else {
            handler.failed(failure, attachment);
        }
    }
}
