package io.servercore.testing;

import io.servercore.buffer.SendBufferManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves slices of the shared {@link SendBufferManager} unreleased, as
 * Netty's leak checks do. Registered for every test class through
 * {@code META-INF/services} and JUnit's extension autodetection.
 *
 * <p>Releases may still be on their way on I/O threads when a test body returns (a session
 * reports its disconnect after its last write completed), so the check waits, with a
 * deadline, for the pool to drain before it fails.
 */
public final class PoolLeakCheck implements AfterEachCallback {
    private static final long WAIT_MILLIS = 10_000;

    @Override
    public void afterEach(ExtensionContext context) {
        SendBufferManager pool = SendBufferManager.shared();
        boolean drained = Await.condition(WAIT_MILLIS, TimeUnit.MILLISECONDS,
                () -> pool.outstandingSlices() == 0 && pool.outstandingChunks() == 0);
        if (!drained) {
            throw new AssertionError(context.getDisplayName() + " leaked send buffers: "
                    + pool.outstandingChunks() + " chunks outstanding, " + pool.leakReport(5));
        }
    }
}
