package io.servercore.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Await;
import io.servercore.testing.ExpectedErrorLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class JobQueueTest {
    private final ExecutorService handoff = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        handoff.shutdownNow();
    }

    @Test
    void theFirstPusherRunsTheJobOnItsOwnThread() {
        JobQueue queue = new JobQueue(handoff);
        Thread[] ranOn = new Thread[1];
        queue.push(() -> ranOn[0] = Thread.currentThread());
        assertEquals(Thread.currentThread(), ranOn[0]);
        assertEquals(0, queue.size());
    }

    @Test
    void aJobPushedByAJobRunsAfterItInTheSameDrain() {
        // A budget no run can exceed: on a busy machine the default 2 ms can pass between the two
        // jobs and hand the second to the executor, which is the budget's rule, not this one.
        JobQueue queue = new JobQueue(handoff, 1, TimeUnit.HOURS);
        List<String> order = new ArrayList<>();
        queue.push(() -> {
            queue.push(() -> order.add("second"));
            order.add("first");
        });
        assertEquals(List.of("first", "second"), order);
    }

    @Test
    void manyProducersEveryJobRunsOnceInPushOrderPerProducerAndNeverOverlapping() throws Exception {
        int producers = 4;
        int perProducer = 50_000;
        // A tiny budget forces many hand-offs to the executor in the middle of drains.
        JobQueue queue = new JobQueue(handoff, 20, TimeUnit.MICROSECONDS);
        int[] lastSeen = new int[producers];
        java.util.Arrays.fill(lastSeen, -1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        int[] total = new int[1]; // touched only by jobs: safe if and only if they never overlap

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    int seq = i;
                    queue.push(() -> {
                        if (running.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        if (lastSeen[producer] != seq - 1) {
                            outOfOrder.incrementAndGet();
                        }
                        lastSeen[producer] = seq;
                        total[0]++;
                        running.decrementAndGet();
                    });
                }
            });
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        Await.until("every job ran", () -> queue.size() == 0, queue::size);
        assertEquals(0, overlaps.get(), "jobs overlapped");
        assertEquals(0, outOfOrder.get(), "jobs ran out of push order");
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer - 1, lastSeen[p], "producer " + p);
        }
        assertEquals(producers * perProducer, total[0]);
    }

    @Test
    @ExpectedErrorLog(logger = JobQueue.class, message = "threw; the queue goes on")
    void aJobThatThrowsDoesNotStopTheQueue() {
        JobQueue queue = new JobQueue(handoff);
        AtomicInteger ran = new AtomicInteger();
        queue.push(() -> {
            queue.push(ran::incrementAndGet);
            throw new IllegalStateException("boom (expected by the test)");
        });
        queue.push(ran::incrementAndGet);
        // Logging the failure may outlast the budget and hand the rest on, so wait for it.
        Await.until("both jobs after the failing one ran", () -> ran.get() == 2, ran::get);
        assertEquals(0, queue.size());
    }

    @Test
    void aDrainThatOutlivesItsBudgetHandsTheRestToTheExecutor() throws Exception {
        JobQueue queue = new JobQueue(handoff, 1, TimeUnit.MICROSECONDS);
        List<Thread> ranOn = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        queue.push(() -> {
            ranOn.add(Thread.currentThread());
            queue.push(() -> {
                ranOn.add(Thread.currentThread());
                done.countDown();
            });
            long until = System.nanoTime() + 1_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // spend the budget
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(Thread.currentThread(), ranOn.get(0));
        assertTrue(ranOn.get(1) != Thread.currentThread(), "the second job should have been handed on");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JobQueue(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JobQueue(handoff, 0, TimeUnit.MILLISECONDS));
        assertEquals("budget=0 MILLISECONDS, min=1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JobQueue(handoff).push(null));
    }
}
