package io.servercore.gameserver;

/**
 * A session's packet rate limit: {@code rate} tokens a second flow into a bucket that holds at
 * most {@code burst}; each packet takes one, and a packet that finds the bucket empty is
 * refused. A rate of 0 turns the limit off.
 *
 * <p>Not thread-safe: owned by one session and used only by its receive path, which never
 * runs on two threads at once.
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    TokenBucket(int rate, int burst, long nowNanos) {
        this.ratePerNano = rate / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one; always true when the rate is 0 (off). */
    boolean tryAcquire(long nowNanos) {
        if (ratePerNano == 0) {
            return true;
        }
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * ratePerNano);
        lastNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
