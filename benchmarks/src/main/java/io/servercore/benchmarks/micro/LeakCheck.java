package io.servercore.benchmarks.micro;

import io.servercore.buffer.SendBufferManager;

/**
 * Fails a benchmark trial that left slices of its pool alive: a benchmark that forgets a
 * release measures a pool that only allocates, which is not the pool a server runs.
 */
final class LeakCheck {
    private LeakCheck() {
    }

    static void none(SendBufferManager pool) {
        if (pool.outstandingSlices() != 0) {
            throw new IllegalStateException("benchmark leaked send buffers: " + pool.leakReport(3));
        }
    }
}
