package io.servercore.dummyclient.metrics;

import io.servercore.dummyclient.config.SwarmConfig;

/**
 * What every session of one run shares: the config, the metrics, the run's clock origin and
 * the switches the runner flips: when the attacks start, and at the end.
 *
 * <p>Threading: the switches are volatile and only ever go from false to true (the attack
 * start from never to a time), flipped by the runner and read by sessions on I/O threads and
 * by the pacer; the rest is immutable or thread-safe itself.
 */
public final class SwarmState {
    public final SwarmConfig config;
    public final Metrics metrics = new Metrics();
    /** The run's time zero on {@link System#nanoTime()}; chats and pings carry time since it. */
    final long epochNanos = System.nanoTime();

    /** No new chats, moves or pings from now on: the load is over, what is in flight drains. */
    private volatile boolean stopping;
    /** The swarm closes its sessions now: a disconnect from here on is no finding. */
    private volatile boolean closing;
    /** When the attacks started, on the run's clock; {@link Long#MAX_VALUE} before. */
    private volatile long attackStart = Long.MAX_VALUE;

    public SwarmState(SwarmConfig config) {
        this.config = config;
    }

    public boolean stopping() {
        return stopping;
    }

    public void stop() {
        stopping = true;
    }

    public boolean closing() {
        return closing;
    }

    public void markClosing() {
        stopping = true;
        closing = true;
    }

    public long attackStart() {
        return attackStart;
    }

    /** Marks now as the start of the attacks. */
    public void startAttacks() {
        attackStart = now();
    }

    /** Nanoseconds since {@link #epochNanos}. */
    public long now() {
        return System.nanoTime() - epochNanos;
    }
}
