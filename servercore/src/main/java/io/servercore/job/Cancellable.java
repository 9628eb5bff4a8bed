package io.servercore.job;

/** A scheduled piece of work that can be called off. */
@FunctionalInterface
public interface Cancellable {
    /**
     * Calls the work off. Returns {@code true} if this call stopped it from ever running
     * (again, for a periodic task); {@code false} if it already ran or was cancelled.
     */
    boolean cancel();
}
