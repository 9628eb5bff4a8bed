package io.servercore.course;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.servercore.job.JobTimer;
import io.servercore.net.IoCore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JobTimer} whose due work waits until the test lets it through: the room's flush tick
 * comes from the real timer, at its real time, but pushes the flush onto the room's queue only
 * when {@link #releaseOne()} says so. A test can then know which broadcasts one flush gathers,
 * without hoping that 250 ms is long enough for what it does in between.
 *
 * <p>Thread-safe: the timer thread holds ticks, the test thread releases them.
 */
final class HeldTicks implements Executor, AutoCloseable {
    private final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
    private volatile IoCore core;
    private volatile JobTimer timer;

    /** For {@code CourseServer.start}: the timer of {@code serverCore}, whose released ticks run on its I/O threads. */
    JobTimer timerOf(IoCore serverCore) {
        core = serverCore;
        timer = new JobTimer("held-ticks", this);
        return timer;
    }

    @Override
    public void execute(Runnable due) {
        held.add(due);
    }

    /** Waits for the next due tick (at most 10 s) and lets it push its flush, on an I/O thread. */
    void releaseOne() throws InterruptedException {
        Runnable due = held.poll(10, TimeUnit.SECONDS);
        assertNotNull(due, "no flush tick came due within 10 s");
        core.execute(due);
    }

    @Override
    public void close() {
        JobTimer t = timer;
        if (t != null) {
            t.close();
        }
    }
}
