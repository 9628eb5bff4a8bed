package io.servercore.dummyclient.player;

import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.metrics.Metrics;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.job.Cancellable;
import io.servercore.job.JobTimer;
import java.util.concurrent.TimeUnit;

/**
 * The ramp: opens the swarm's sessions through its {@link Targets} at the connect rate,
 * {@code 1 + rate * t} of them by time {@code t}, and counts how each connect ends. The
 * {@code n}-th connect started is session {@code n}, which picks its room and its target.
 *
 * <p>Threading: the tick runs on an I/O thread from the engine's {@link JobTimer}, never two
 * at once, and alone touches {@link #started}; connects complete on I/O threads and only
 * touch the {@link Metrics}. {@link #start}, {@link #stop} and {@link #done} may be called
 * from any thread.
 */
public final class Connector implements Runnable {
    private static final long TICK_MILLIS = 1;

    private final Targets targets;
    private final SwarmState state;
    private int started;
    private long startNanos;
    private volatile Cancellable tick;

    public Connector(Targets targets, SwarmState state) {
        this.targets = targets;
        this.state = state;
    }

    public void start(JobTimer timer) {
        startNanos = System.nanoTime();
        tick = timer.scheduleAtFixedRate(this, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        Cancellable t = tick;
        if (t != null) {
            t.cancel();
        }
    }

    /** Whether every connect has been started and has ended, either way. */
    public boolean done() {
        return state.metrics.get(Counter.CONNECTS_COMPLETED) == state.config.clients();
    }

    @Override
    public void run() {
        SwarmConfig config = state.config;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long due = Math.min(config.clients(), 1 + (long) (config.connectRate() * seconds));
        while (started < due && !state.stopping()) {
            targets.connect(started++).whenComplete((session, failure) -> {
                if (failure != null) {
                    state.metrics.connectFailed(failure);
                }
                state.metrics.add(Counter.CONNECTS_COMPLETED);
            });
        }
        if (started == config.clients()) {
            stop();
        }
    }
}
