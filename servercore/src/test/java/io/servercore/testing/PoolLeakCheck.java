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
 * deadline, for the pool to drain before it fails: 10 s, or the milliseconds of the JUnit
 * configuration parameter {@value #WAIT_PARAMETER} (for a test that runs a leaking fixture and
 * need not wait that long to see it fail).
 */
public final class PoolLeakCheck implements AfterEachCallback {
    /** The configuration parameter that overrides how long to wait for the pool to drain, in milliseconds. */
    public static final String WAIT_PARAMETER = "servercore.poolLeakCheck.waitMillis";
    private static final long WAIT_MILLIS = 10_000;

    @Override
    public void afterEach(ExtensionContext context) {
        SendBufferManager pool = SendBufferManager.shared();
        long wait = context.getConfigurationParameter(WAIT_PARAMETER, Long::parseLong).orElse(WAIT_MILLIS);
        boolean drained = Await.condition(wait, TimeUnit.MILLISECONDS,
                () -> pool.outstandingSlices() == 0 && pool.outstandingChunks() == 0);
        if (!drained) {
            throw new AssertionError(context.getDisplayName() + " leaked send buffers: "
                    + pool.outstandingChunks() + " chunks outstanding, " + pool.leakReport(5));
        }
    }
}
