package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Await;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What our provider promises beyond NIO.2: the thread every handler runs on, work handed over
 * without syscalls on the caller's thread, at most one wake-up per park, OP_WRITE only after a
 * short write, no EAGAIN reads, no interest change per read. The counters are the loop's own.
 */
@Timeout(60)
class LoopThreadingTest {

    @Test
    void everyHandlerRunsOnItsChannelsOwnLoopWhoeverStartedTheOperation() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 2)) {
            int pairs = 6;
            List<Sockets.Pair> all = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                all.add(Sockets.pair(io.group));
            }
            Set<Thread> owners = new HashSet<>();
            Queue<String> wrongThread = new ConcurrentLinkedQueue<>();
            CountDownLatch relayed = new CountDownLatch(pairs);
            ExecutorService strangers = Executors.newFixedThreadPool(3);
            try {
                for (int i = 0; i < pairs; i++) {
                    AsynchronousSocketChannel server = all.get(i).server();
                    AsynchronousSocketChannel next = all.get((i + 1) % pairs).server(); // nobody else writes there
                    owners.add(LoopProbe.loopOf(server).thread());
                    owners.add(LoopProbe.loopOf(next).thread());
                    // a write on a channel of (possibly) another loop, issued from this channel's handler
                    CompletionHandler<Integer, Object> relayWrite = checked(next, wrongThread, relayed::countDown);
                    ByteBuffer in = ByteBuffer.allocate(8);
                    server.read(in, null, checked(server, wrongThread,
                            () -> next.write(ByteBuffer.wrap(new byte[] {7}), null, relayWrite)));
                }
                // the first writes come from threads that own no channel
                for (int i = 0; i < pairs; i++) {
                    AsynchronousSocketChannel client = all.get(i).client();
                    strangers.execute(() -> client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), null,
                            checked(client, wrongThread, () -> { })));
                }
                assertTrue(relayed.await(10, TimeUnit.SECONDS), "every relayed write completed");
            } finally {
                strangers.shutdownNow();
            }
            assertTrue(wrongThread.isEmpty(), wrongThread::toString);
            assertEquals(2, owners.size(), "channels are spread over both loops: " + owners);
        }
    }

    /** A handler that records a call on any thread but the channel's owner, then runs {@code next}. */
    private static <V> CompletionHandler<V, Object> checked(AsynchronousSocketChannel channel, Queue<String> wrong,
                                                            Runnable next) {
        Thread owner = LoopProbe.loopOf(channel).thread();
        return new CompletionHandler<>() {
            @Override
            public void completed(V result, Object attachment) {
                if (Thread.currentThread() != owner) {
                    wrong.add(channel + " completed on " + Thread.currentThread() + ", owner " + owner);
                }
                next.run();
            }

            @Override
            public void failed(Throwable cause, Object attachment) {
                wrong.add(channel + " failed: " + cause);
            }
        };
    }

    @Test
    void writesFromOtherThreadsAreHandedOverAndTheSyscallRunsOnTheLoop() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1); Sockets.Pair pair = Sockets.pair(io.group)) {
            int writes = 300;
            ReadAll reader = new ReadAll(pair.server(), writes * 10L, 4096).start();
            LoopProbe.Counts counts = new LoopProbe.Counts(io.loops());
            for (int i = 0; i < writes; i++) {
                Recorder<Integer> wrote = new Recorder<>();
                pair.client().write(ByteBuffer.wrap(Sockets.pattern(i, 10)), null, wrote);
                assertEquals(10, wrote.awaitResult());
            }
            reader.await();
            assertTrue(counts.delta(LoopCounter.HANDED_OVER) >= writes, counts::toString);
            assertTrue(counts.delta(LoopCounter.WRITES) >= writes, counts::toString);
            assertEquals(0, counts.delta(LoopCounter.OFF_LOOP_SYSCALLS), counts::toString);

            // the same writes issued from their handler, on the loop, are not handed over
            LoopProbe.Counts inline = new LoopProbe.Counts(io.loops());
            AtomicInteger left = new AtomicInteger(writes);
            CountDownLatch done = new CountDownLatch(1);
            CompletionHandler<Integer, Object> again = new CompletionHandler<>() {
                @Override
                public void completed(Integer n, Object attachment) {
                    if (left.decrementAndGet() == 0) {
                        done.countDown();
                    } else {
                        pair.client().write(ByteBuffer.allocate(1), null, this);
                    }
                }

                @Override
                public void failed(Throwable cause, Object attachment) {
                    io.fail("inline write failed: " + cause);
                    done.countDown();
                }
            };
            pair.client().write(ByteBuffer.allocate(1), null, again);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(1, inline.delta(LoopCounter.HANDED_OVER), "only the first write came from outside");
            assertEquals(0, inline.delta(LoopCounter.OFF_LOOP_SYSCALLS));
        }
    }

    @Test
    void manyProducersWakeAParkedLoopAtMostOncePerPark() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1)) {
            int producers = 4;
            int bursts = 100;
            int tasksPerBurst = 200;
            AtomicInteger ran = new AtomicInteger();
            LoopProbe.Counts counts = new LoopProbe.Counts(io.loops());
            for (int burst = 1; burst <= bursts; burst++) {
                // all producers hit the loop at once; between bursts it runs dry and parks
                CyclicBarrier go = new CyclicBarrier(producers);
                List<Thread> threads = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    Thread thread = new Thread(() -> {
                        try {
                            go.await(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            io.fail("barrier: " + e);
                            return;
                        }
                        for (int i = 0; i < tasksPerBurst; i++) {
                            io.loops().execute(ran::incrementAndGet);
                        }
                    });
                    threads.add(thread);
                    thread.start();
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                int expected = burst * producers * tasksPerBurst;
                Await.until("burst ran", () -> ran.get() == expected, ran::get);
            }
            long wakeups = counts.delta(LoopCounter.WAKEUPS);
            long parks = counts.delta(LoopCounter.PARKS);
            assertTrue(wakeups <= parks, () -> "wake-ups " + wakeups + " > parks " + parks);
            assertTrue(wakeups > 0, "the loop was parked and woken");
            assertTrue(wakeups < (long) bursts * producers * tasksPerBurst, counts::toString);
        }
    }

    @Test
    void opWriteIsRegisteredOnlyAfterAShortWrite() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1)) {
            try (Sockets.Pair pair = Sockets.pair(io.group)) {
                ReadAll reader = new ReadAll(pair.server(), 2000 * 100L, 8192).start();
                LoopProbe.Counts fast = new LoopProbe.Counts(io.loops());
                for (int i = 0; i < 2000; i++) {
                    WriteChain chain = new WriteChain(pair.client(), ByteBuffer.wrap(Sockets.pattern(i, 100)), 0);
                    chain.start();
                    assertTrue(chain.done.await(10, TimeUnit.SECONDS));
                }
                reader.await();
                assertEquals(0, fast.delta(LoopCounter.SHORT_WRITES), fast::toString);
                assertEquals(0, fast.delta(LoopCounter.OP_WRITE_REGISTRATIONS), "a reader that keeps up: " + fast);
            }
            try (Sockets.Peered slow = Sockets.peered(io.group, 4096)) {
                slow.channel().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
                LoopProbe.Counts full = new LoopProbe.Counts(io.loops());
                byte[] data = Sockets.pattern(9, 1 << 20);
                WriteChain chain = new WriteChain(slow.channel(), ByteBuffer.wrap(data), 0).start();
                assertArrayEquals(data, slow.peerReads(data.length));
                assertTrue(chain.done.await(10, TimeUnit.SECONDS));
                long shortWrites = full.delta(LoopCounter.SHORT_WRITES);
                long registrations = full.delta(LoopCounter.OP_WRITE_REGISTRATIONS);
                assertTrue(shortWrites > 0, full::toString);
                assertTrue(registrations > 0 && registrations <= shortWrites, full::toString);
            }
        }
    }

    @Test
    void aConversationNeitherReadsIntoEagainNorChangesInterestPerRead() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            int roundTrips = 500;
            LoopProbe.Counts counts = new LoopProbe.Counts(io.loops());
            PingPong game = new PingPong(pair, roundTrips);
            game.start();
            assertTrue(game.done.await(20, TimeUnit.SECONDS), () -> "round trips: " + game.trips);
            assertTrue(game.errors.isEmpty(), game.errors::toString);
            assertEquals(0, counts.delta(LoopCounter.ZERO_READS), counts::toString);
            assertTrue(counts.delta(LoopCounter.READS) >= 2L * roundTrips, counts::toString);
            // OP_READ registered once per channel and kept: not one epoll_ctl per read
            assertTrue(counts.delta(LoopCounter.INTEREST_UPDATES) <= 4, counts::toString);
        }
    }

    /** Client sends 32 bytes, server answers 32 bytes, roundTrips times; reads always issued from handlers. */
    private static final class PingPong {
        final CountDownLatch done = new CountDownLatch(1);
        final Queue<String> errors = new ConcurrentLinkedQueue<>();
        final AtomicInteger trips = new AtomicInteger();
        private final Sockets.Pair pair;
        private final int roundTrips;
        private final ByteBuffer clientIn = ByteBuffer.allocate(1024);
        private final ByteBuffer serverIn = ByteBuffer.allocate(1024);

        PingPong(Sockets.Pair pair, int roundTrips) {
            this.pair = pair;
            this.roundTrips = roundTrips;
        }

        void start() {
            pair.server().read(serverIn, null, serverRead);
            pair.client().read(clientIn, null, clientRead);
            pair.client().write(ByteBuffer.allocate(32), null, ignore);
        }

        private final CompletionHandler<Integer, Object> ignore = new CompletionHandler<>() {
            @Override
            public void completed(Integer n, Object attachment) {
                if (n != 32) {
                    errors.add("short write " + n);
                }
            }

            @Override
            public void failed(Throwable cause, Object attachment) {
                errors.add("write failed " + cause);
            }
        };

        private final CompletionHandler<Integer, Object> serverRead = new CompletionHandler<>() {
            @Override
            public void completed(Integer n, Object attachment) {
                if (n < 0) {
                    return;
                }
                if (serverIn.position() == 32) {
                    serverIn.clear();
                    pair.server().write(ByteBuffer.allocate(32), null, ignore);
                }
                pair.server().read(serverIn, null, this);
            }

            @Override
            public void failed(Throwable cause, Object attachment) {
                if (!(cause instanceof AsynchronousCloseException)) {
                    errors.add("server read " + cause);
                }
            }
        };

        private final CompletionHandler<Integer, Object> clientRead = new CompletionHandler<>() {
            @Override
            public void completed(Integer n, Object attachment) {
                if (n < 0) {
                    return;
                }
                if (clientIn.position() == 32) {
                    clientIn.clear();
                    if (trips.incrementAndGet() == roundTrips) {
                        done.countDown();
                        return;
                    }
                    pair.client().write(ByteBuffer.allocate(32), null, ignore);
                }
                pair.client().read(clientIn, null, this);
            }

            @Override
            public void failed(Throwable cause, Object attachment) {
                errors.add("client read " + cause);
                done.countDown();
            }
        };
    }

    @Test
    void closeCalledOnTheOwningLoopDoesNotRunTheClosedChannelsHandlerInsideIt() throws Exception {
        try (TestGroup io = new TestGroup(Transport.LOOP, 1); Sockets.Peered peered = Sockets.peered(io.group)) {
            AsynchronousSocketChannel channel = peered.channel();
            boolean[] insideClose = new boolean[1]; // loop thread only: one loop runs both
            Recorder<Integer> read = new Recorder<>() {
                @Override
                public void failed(Throwable cause, Object att) {
                    if (insideClose[0]) {
                        io.fail("the read's handler ran inside close()");
                    }
                    super.failed(cause, att);
                }
            };
            channel.read(ByteBuffer.allocate(8), null, read);
            io.loops().execute(() -> { // queued behind the read's hand-over: the read is armed by now
                insideClose[0] = true;
                try {
                    channel.close();
                } catch (java.io.IOException e) {
                    io.fail("close threw " + e);
                }
                insideClose[0] = false;
            });
            read.awaitFailure(AsynchronousCloseException.class);
            assertSame(LoopProbe.loopOf(channel).thread(), read.thread());
        }
    }
}
