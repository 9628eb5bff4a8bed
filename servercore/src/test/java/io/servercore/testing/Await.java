package io.servercore.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline instead of sleeping and hoping. Polls with a short
 * park, so it suits conditions that other threads make true.
 */
public final class Await {
    private Await() {
    }

    /** Returns whether {@code condition} became true before the deadline. */
    public static boolean condition(long timeout, TimeUnit unit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return condition.getAsBoolean();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** Fails with {@code what} and the last observed state if the condition is not met within 10 s. */
    public static void until(String what, BooleanSupplier condition, Supplier<?> state) {
        if (!condition(10, TimeUnit.SECONDS, condition)) {
            throw new AssertionError("timed out waiting until " + what + "; state: " + state.get());
        }
    }

    /** Fails with {@code what} if the condition is not met within 10 s. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "n/a");
    }
}
