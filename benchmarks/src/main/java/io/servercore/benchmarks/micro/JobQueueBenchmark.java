package io.servercore.benchmarks.micro;

import io.servercore.job.JobQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Jobs per second pushed onto one {@link JobQueue} and run, with one producer and with two.
 *
 * <p>One producer finds the queue idle on every push and runs the job itself: the cost of the
 * "first pusher executes" path a room pays for every enter, leave and chat. With two, one
 * producer is often draining what the other pushes, so the figure is what one queue (one
 * room) sustains under contention. A producer waits while {@value #MAX_BACKLOG} jobs are
 * pending: pushing is cheaper than running, so without a cap the producer that is not
 * draining outruns the one that is, and the backlog grows until the heap fills and the
 * collector is all that runs. With the cap, and every push run by the end of each iteration
 * (checked), pushes per second are jobs run per second. The job is a counter increment,
 * allocated once, so that the queue is measured and not the job.
 *
 * <p>The drain budget is set beyond an iteration's length, so no drain is handed to another
 * thread: a hand-off would add a third thread on a two-core machine and measure the
 * scheduler rather than the queue.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JobQueueBenchmark {
    /** Pending jobs at which a producer waits for the drainer. */
    static final int MAX_BACKLOG = 1024;

    private static final Executor NO_HANDOFF = task -> {
        throw new RejectedExecutionException("the benchmark's drain budget never runs out");
    };

    private JobQueue queue;
    /** Touched only by jobs, which never overlap: no lock, as in a room. */
    private long ran;
    private final Runnable job = () -> ran++;

    @Setup
    public void setUp() {
        queue = new JobQueue(NO_HANDOFF, 1, TimeUnit.HOURS);
    }

    @TearDown(Level.Iteration)
    public void checkDrained() {
        if (queue.size() != 0) {
            throw new IllegalStateException(queue.size() + " jobs still queued after the iteration; "
                    + ran + " ran");
        }
    }

    @Benchmark
    @Threads(1)
    public void oneProducer() {
        push();
    }

    @Benchmark
    @Threads(2)
    public void twoProducers() {
        push();
    }

    /** The same path for both: one producer never finds a backlog, so never waits. */
    private void push() {
        while (queue.size() >= MAX_BACKLOG) {
            // Yield, not spin: a producer spinning on the counter takes its cache line from
            // the drainer on every job, and the figure becomes that (about 2M jobs/s here).
            Thread.yield();
        }
        queue.push(job);
    }
}
