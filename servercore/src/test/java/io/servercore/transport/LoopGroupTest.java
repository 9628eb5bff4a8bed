package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Await;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.IllegalChannelGroupException;
import java.nio.channels.ReadPendingException;
import java.nio.channels.ShutdownChannelGroupException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LoopGroup beyond AsynchronousChannelGroup: its executor, its end of iteration, its life cycle. */
@Timeout(60)
class LoopGroupTest {

    @Test
    void executeFromManyThreadsRunsEveryTaskOnceOnALoopThread() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 2)) {
            int threads = 8;
            int each = 2000;
            AtomicIntegerArray runs = new AtomicIntegerArray(threads * each);
            AtomicInteger offLoop = new AtomicInteger();
            List<Thread> submitters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        int id = base + i;
                        io.loops().execute(() -> {
                            if (!io.loops().isLoopThread()) {
                                offLoop.incrementAndGet();
                            }
                            runs.incrementAndGet(id);
                        });
                    }
                });
                submitters.add(thread);
                thread.start();
            }
            for (Thread thread : submitters) {
                thread.join();
            }
            Await.until("every task ran", () -> {
                for (int i = 0; i < runs.length(); i++) {
                    if (runs.get(i) == 0) {
                        return false;
                    }
                }
                return true;
            });
            for (int i = 0; i < runs.length(); i++) {
                assertEquals(1, runs.get(i), "runs of task " + i);
            }
            assertEquals(0, offLoop.get());
            assertFalse(io.loops().isLoopThread(), "the test thread is no loop thread");
        }
    }

    @Test
    void executeOnALoopThreadRunsOnThatThreadAfterTheCallerReturns() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 2)) {
            CompletableFuture<String> outcome = new CompletableFuture<>();
            io.loops().execute(() -> {
                Thread caller = Thread.currentThread();
                boolean[] callerReturned = new boolean[1];
                io.loops().execute(() -> outcome.complete(Thread.currentThread() == caller
                        ? (callerReturned[0] ? "same thread, after" : "same thread, inside the caller")
                        : "another thread"));
                callerReturned[0] = true;
            });
            assertEquals("same thread, after", outcome.get(10, TimeUnit.SECONDS));
            io.group.shutdown();
            assertThrows(RejectedExecutionException.class, () -> io.loops().execute(() -> { }));
        }
    }

    @Test
    void runAtEndOfIterationRefusesThreadsOutsideTheGroup() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1); TestGroup other = new TestGroup(Transport.LOOP, 1)) {
            AtomicBoolean ran = new AtomicBoolean();
            assertFalse(io.loops().runAtEndOfIteration(() -> ran.set(true)), "the test thread");
            CompletableFuture<Boolean> fromOtherGroup = new CompletableFuture<>();
            other.loops().execute(() -> fromOtherGroup.complete(io.loops().runAtEndOfIteration(() -> ran.set(true))));
            assertFalse(fromOtherGroup.get(10, TimeUnit.SECONDS), "a loop thread of another group");
            CompletableFuture<Boolean> fromOwnGroup = new CompletableFuture<>();
            io.loops().execute(() -> fromOwnGroup.complete(io.loops().runAtEndOfIteration(() -> ran.set(true))));
            assertTrue(fromOwnGroup.get(10, TimeUnit.SECONDS));
            Await.until("the accepted task ran", ran::get);
        }
    }

    @Test
    void endOfIterationTasksRunAfterTheIterationsEventsAndTasksOnTheSameThreadBeforeTheNextSelect()
            throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1); Sockets.Peered peered = Sockets.peered(io.group)) {
            Queue<String> order = new ConcurrentLinkedQueue<>();
            CountDownLatch finished = new CountDownLatch(1);
            long[] iteration = new long[4];
            Thread[] thread = new Thread[4];
            Recorder<Integer> read = new Recorder<>() {
                @Override
                public void completed(Integer n, Object att) {
                    EventLoop loop = EventLoop.current();
                    order.add("handler");
                    iteration[0] = loop.stats.get(LoopCounter.ITERATIONS);
                    thread[0] = Thread.currentThread();
                    io.loops().execute(() -> {
                        order.add("task");
                        iteration[1] = loop.stats.get(LoopCounter.ITERATIONS);
                        thread[1] = Thread.currentThread();
                    });
                    io.loops().runAtEndOfIteration(() -> {
                        order.add("end task");
                        iteration[2] = loop.stats.get(LoopCounter.ITERATIONS);
                        thread[2] = Thread.currentThread();
                        io.loops().runAtEndOfIteration(() -> {
                            order.add("end task added by an end task");
                            iteration[3] = loop.stats.get(LoopCounter.ITERATIONS);
                            thread[3] = Thread.currentThread();
                            finished.countDown();
                        });
                    });
                    order.add("handler returns");
                    super.completed(n, att);
                }
            };
            peered.channel().read(ByteBuffer.allocate(8), null, read);
            peered.peerWrites(new byte[] {1});
            assertTrue(finished.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("handler", "handler returns", "task", "end task", "end task added by an end task"),
                    new ArrayList<>(order));
            for (int i = 1; i < 4; i++) {
                assertEquals(iteration[0], iteration[i], "step " + i + " ran in the handler's iteration");
                assertSame(thread[0], thread[i], "step " + i + " ran on the handler's thread");
            }
        }
    }

    @Test
    void endOfIterationTasksThatKeepAddingThemselvesDoNotStopTheLoopFromServingIo() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1); Sockets.Peered peered = Sockets.peered(io.group)) {
            AtomicBoolean readDone = new AtomicBoolean();
            AtomicInteger churned = new AtomicInteger();
            Recorder<Integer> read = new Recorder<>() {
                @Override
                public void completed(Integer n, Object att) {
                    readDone.set(true);
                    super.completed(n, att);
                }
            };
            peered.channel().read(ByteBuffer.allocate(8), null, read);
            Runnable churn = new Runnable() {
                @Override
                public void run() {
                    churned.incrementAndGet();
                    if (!readDone.get()) {
                        io.loops().runAtEndOfIteration(this);
                    }
                }
            };
            io.loops().execute(() -> io.loops().runAtEndOfIteration(churn));
            Await.until("the churn outlasted two end phases",
                    () -> churned.get() > 2 * EventLoop.END_TASK_BUDGET, churned::get);
            peered.peerWrites(new byte[] {5});
            assertEquals(1, read.awaitResult());
            Await.until("the churn stopped with the read", () -> {
                int before = churned.get();
                return readDone.get() && before == churned.get();
            });
        }
    }

    @Test
    void isTerminatedOnlyOnceEveryLoopThreadHasEnded() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 2)) {
            CountDownLatch release = io.blockIoThreads();
            io.group.shutdown(); // no channels: the loops are asked to stop, but both are busy
            assertFalse(io.group.isTerminated());
            assertFalse(io.group.awaitTermination(50, TimeUnit.MILLISECONDS));
            release.countDown();
            assertTrue(io.group.awaitTermination(10, TimeUnit.SECONDS));
            assertTrue(io.group.isTerminated());
            assertEquals(2, io.threadsCreated().size());
            for (Thread thread : io.threadsCreated()) {
                assertFalse(thread.isAlive());
            }
        }
    }

    @Test
    void aGroupOnAnExecutorServiceRunsItsLoopsThereAndShutsItDownWhenItTerminates() throws Exception {
        Set<Thread> pool = java.util.Collections.synchronizedSet(new HashSet<>());
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new TestGroup.IoThread(task, "executor-loop");
            pool.add(thread);
            return thread;
        });
        LoopGroup group = new LoopChannelProvider().openAsynchronousChannelGroup(executor, 2);
        try (Sockets.Pair pair = Sockets.pair(group)) {
            Recorder<Integer> read = new Recorder<>();
            pair.server().read(ByteBuffer.allocate(4), null, read);
            pair.client().write(ByteBuffer.wrap(new byte[] {1, 2, 3})).get(10, TimeUnit.SECONDS);
            assertEquals(3, read.awaitResult());
            assertTrue(pool.contains(read.thread()), "the handler ran on a thread of the executor");
        } finally {
            group.shutdownNow();
        }
        assertTrue(group.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(executor.isShutdown(), "the executor is shut down with the group");
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void aNullGroupMeansTheProvidersDefaultGroupOnDaemonThreads() throws Exception {
        LoopChannelProvider provider = new LoopChannelProvider();
        try (AsynchronousServerSocketChannel listener = provider.openAsynchronousServerSocketChannel(null);
             AsynchronousSocketChannel client = provider.openAsynchronousSocketChannel(null)) {
            listener.bind(Sockets.ANY_LOOPBACK);
            var accepted = listener.accept();
            client.connect(listener.getLocalAddress()).get(10, TimeUnit.SECONDS);
            try (AsynchronousSocketChannel server = accepted.get(10, TimeUnit.SECONDS)) {
                Thread[] handlerThread = new Thread[1];
                CountDownLatch read = new CountDownLatch(1);
                server.read(ByteBuffer.allocate(1), null, new java.nio.channels.CompletionHandler<Integer, Object>() {
                    @Override
                    public void completed(Integer n, Object attachment) {
                        handlerThread[0] = Thread.currentThread();
                        read.countDown();
                    }

                    @Override
                    public void failed(Throwable cause, Object attachment) {
                        read.countDown();
                    }
                });
                client.write(ByteBuffer.wrap(new byte[] {9})).get(10, TimeUnit.SECONDS);
                assertTrue(read.await(10, TimeUnit.SECONDS));
                assertTrue(handlerThread[0].isDaemon(), handlerThread[0] + " is a daemon");
                assertSame(provider, server.provider());
            }
        }
    }

    @Test
    void groupsOfAnotherProviderAreRefused() throws Exception {
        try (TestGroup jdk = new TestGroup(Transport.JDK, 1); TestGroup loop = new TestGroup(Transport.LOOP, 1)) {
            LoopChannelProvider provider = new LoopChannelProvider();
            assertThrows(IllegalChannelGroupException.class, () -> provider.openAsynchronousSocketChannel(jdk.group));
            assertThrows(IllegalChannelGroupException.class, () -> provider.openAsynchronousSocketChannel(loop.group));
            assertThrows(IllegalArgumentException.class,
                    () -> provider.openAsynchronousChannelGroup(0, Thread::new));
        }
    }

    @Test
    void aChannelOpenedOnALoopThreadStaysOnThatLoopAndAcceptedOnesTakeTurns() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 2);
             AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(io.group)) {
            CompletableFuture<Boolean> sameLoop = new CompletableFuture<>();
            io.loops().execute(() -> {
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open(io.group)) {
                    sameLoop.complete(LoopProbe.loopOf(channel) == EventLoop.current());
                } catch (Exception e) {
                    sameLoop.completeExceptionally(e);
                }
            });
            assertTrue(sameLoop.get(10, TimeUnit.SECONDS));

            listener.bind(Sockets.ANY_LOOPBACK);
            Set<EventLoop> owners = new HashSet<>();
            List<AsynchronousSocketChannel> open = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                var accepted = listener.accept();
                AsynchronousSocketChannel client = AsynchronousSocketChannel.open(io.group);
                client.connect(listener.getLocalAddress()).get(10, TimeUnit.SECONDS);
                AsynchronousSocketChannel server = accepted.get(10, TimeUnit.SECONDS);
                owners.add(LoopProbe.loopOf(server));
                open.add(client);
                open.add(server);
            }
            assertEquals(2, owners.size(), "accepted channels went to both loops");
            for (AsynchronousSocketChannel channel : open) {
                channel.close();
            }
        }
    }

    @Test
    void operationsRacingWithTerminationCompleteOnceOrAreRefusedNeverLost() throws Exception {
        TestGroup io = new TestGroup(Transport.LOOP, 2);
        int racers = 4;
        List<Sockets.Peered> channels = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            channels.add(Sockets.peered(io.group));
        }
        Queue<Recorder<Integer>> acceptedReads = new ConcurrentLinkedQueue<>();
        AtomicInteger acceptedTasks = new AtomicInteger();
        AtomicInteger ranTasks = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
            AsynchronousSocketChannel channel = channels.get(r).channel();
            Thread thread = new Thread(() -> {
                boolean refusedRead = false;
                boolean refusedTask = false;
                while (!refusedRead || !refusedTask) {
                    attempts.incrementAndGet();
                    if (!refusedRead) {
                        Recorder<Integer> read = new Recorder<>();
                        try {
                            channel.read(ByteBuffer.allocate(4), null, read);
                            acceptedReads.add(read);
                        } catch (ReadPendingException stillOpen) {
                            // the first read is pending until the channel closes
                        } catch (ShutdownChannelGroupException terminated) {
                            refusedRead = true;
                        } catch (RuntimeException e) {
                            unexpected.add(e.toString());
                            refusedRead = true;
                        }
                    }
                    if (!refusedTask) {
                        try {
                            io.loops().execute(ranTasks::incrementAndGet);
                            acceptedTasks.incrementAndGet();
                        } catch (RejectedExecutionException shutDown) {
                            refusedTask = true;
                        }
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        Await.until("the racers are busy", () -> attempts.get() > 20_000, attempts::get);
        io.group.shutdownNow();
        assertTrue(io.group.awaitTermination(10, TimeUnit.SECONDS));
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive(), "racer ended");
        }
        assertTrue(unexpected.isEmpty(), unexpected::toString);
        assertEquals(acceptedTasks.get(), ranTasks.get(), "every accepted task ran");
        assertTrue(acceptedReads.size() >= racers, "each racer's first read was accepted");
        for (Recorder<Integer> read : acceptedReads) {
            assertEquals(1, read.calls(), "an accepted read completed exactly once");
        }
        for (Sockets.Peered peered : channels) {
            peered.peer().close();
        }
        io.close();
    }

    @Test
    void aGroupIsAnExecutorOfItsOwnKind() throws Exception {
        AsynchronousChannelGroup group = new LoopChannelProvider().openAsynchronousChannelGroup(1, Thread::new);
        try {
            assertTrue(group instanceof java.util.concurrent.Executor);
            assertTrue(group.provider() instanceof LoopChannelProvider);
        } finally {
            group.shutdownNow();
            assertTrue(group.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
