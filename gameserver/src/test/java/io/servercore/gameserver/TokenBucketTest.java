package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packet rate limit on a clock the test sets ({@link TokenBucket#tryAcquire(long)} takes the
 * time): the burst at once, then refills at the rate and never past the burst; a refused packet
 * costs nothing; a rate of 0 is no limit.
 */
class TokenBucketTest {
    private static final long T0 = 1_000_000_000_000L; // any point of System.nanoTime's scale
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Takes tokens at {@code now} until refused; returns how many it got. */
    private static int drain(TokenBucket bucket, long now) {
        int taken = 0;
        while (bucket.tryAcquire(now)) {
            taken++;
            if (taken > 1_000_000) {
                throw new AssertionError("the bucket never ran dry");
            }
        }
        return taken;
    }

    @Test
    void aNewBucketLetsItsBurstThroughAtOnceThenRefuses() {
        TokenBucket bucket = new TokenBucket(10, 5, T0);
        assertEquals(5, drain(bucket, T0));
        assertFalse(bucket.tryAcquire(T0));
    }

    @Test
    void anEmptyBucketRefillsOneTokenPerIntervalOfTheRate() {
        TokenBucket bucket = new TokenBucket(10, 5, T0); // one token per 100 ms
        drain(bucket, T0);
        assertFalse(bucket.tryAcquire(T0 + 99 * MS), "a token after 99 ms of 100");
        assertTrue(bucket.tryAcquire(T0 + 101 * MS), "the token of the first 100 ms");
        assertFalse(bucket.tryAcquire(T0 + 101 * MS), "only one");
        assertEquals(3, drain(bucket, T0 + 401 * MS), "three more by 400 ms");
    }

    @Test
    void overTenSecondsTheRateIsWhatGetsThrough() {
        TokenBucket bucket = new TokenBucket(200, 400, T0);
        drain(bucket, T0);
        int taken = 0;
        for (long t = T0 + MS; t <= T0 + 10_000 * MS; t += MS) {
            while (bucket.tryAcquire(t)) {
                taken++;
            }
        }
        assertTrue(Math.abs(taken - 2_000) <= 1, taken + " packets in 10 s at 200 a second");
    }

    @Test
    void aLongIdleRefillsToTheBurstAndNoFurther() {
        TokenBucket bucket = new TokenBucket(200, 400, T0);
        drain(bucket, T0);
        assertEquals(400, drain(bucket, T0 + TimeUnit.HOURS.toNanos(1)));
    }

    @Test
    void refusedPacketsTakeNothingFromTheRefill() {
        TokenBucket bucket = new TokenBucket(10, 1, T0);
        drain(bucket, T0);
        for (long t = T0; t < T0 + 100 * MS; t += 10 * MS) {
            assertFalse(bucket.tryAcquire(t), "at +" + (t - T0) / MS + " ms");
        }
        assertTrue(bucket.tryAcquire(T0 + 101 * MS), "the refill went on under the refusals");
    }

    @Test
    void aRateOfZeroIsNoLimit() {
        TokenBucket bucket = new TokenBucket(0, 0, T0);
        assertEquals(1_000, java.util.stream.IntStream.range(0, 1_000).filter(i -> bucket.tryAcquire(T0)).count());
    }
}
