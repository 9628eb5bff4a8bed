package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bytes go out in issue order, and a partial write reports the count it really wrote. */
@Timeout(60)
class OrderingContractTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void concurrentWritersOnOtherThreadsGetTheirBytesOutInIssueOrder(Transport transport) throws Exception {
        int writers = 8;
        int recordsEach = 100;
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            List<byte[]> issued = Collections.synchronizedList(new ArrayList<>());
            Semaphore oneWriteAtATime = new Semaphore(1);
            Queue<String> errors = new ConcurrentLinkedQueue<>();
            List<byte[][]> plans = new ArrayList<>();
            long total = 0;
            for (int w = 0; w < writers; w++) {
                Random random = new Random(w);
                byte[][] records = new byte[recordsEach][];
                for (int r = 0; r < recordsEach; r++) {
                    byte[] record = Sockets.pattern(w * 1000L + r, 1 + random.nextInt(3000));
                    record[0] = (byte) w; // a mismatch then says whose record it was
                    records[r] = record;
                    total += record.length;
                }
                plans.add(records);
            }
            ReadAll reader = new ReadAll(pair.server(), total, 8192).start();
            List<Thread> threads = new ArrayList<>();
            for (byte[][] records : plans) {
                Thread thread = new Thread(() -> {
                    try {
                        for (byte[] record : records) {
                            oneWriteAtATime.acquire();
                            issued.add(record);
                            WriteChain chain = new WriteChain(pair.client(), ByteBuffer.wrap(record), 0).start();
                            if (!chain.done.await(20, TimeUnit.SECONDS) || chain.failure != null) {
                                errors.add("record write ended with " + chain.failure);
                            }
                            errors.addAll(chain.errors);
                            oneWriteAtATime.release();
                        }
                    } catch (InterruptedException e) {
                        errors.add("interrupted");
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(40));
            }
            assertTrue(errors.isEmpty(), errors::toString);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (byte[] record : issued) {
                expected.write(record);
            }
            assertEquals(writers * recordsEach, issued.size());
            assertArrayEquals(expected.toByteArray(), reader.await());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void partialWritesIntoATinySendBufferReportTrueCountsAndEveryByteArrives(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group, 4096)) {
            peered.channel().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            byte[] data = Sockets.pattern(5, 2 << 20);
            WriteChain chain = new WriteChain(peered.channel(), ByteBuffer.wrap(data), 0).start();
            assertArrayEquals(data, readSlowly(peered, data.length));
            assertTrue(chain.done.await(10, TimeUnit.SECONDS));
            assertEquals(null, chain.failure);
            assertTrue(chain.errors.isEmpty(), chain.errors::toString);
            assertEquals(data.length, chain.written.get());
            assertTrue(chain.partial.get() > 0, "2 MiB through a 4 KiB send buffer came back short at least once");
            assertEquals(chain.issued.get(), chain.calls.get());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void partialGatheringWritesReportTrueCountsAndEveryByteArrives(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group, 4096)) {
            peered.channel().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            byte[] data = Sockets.pattern(6, 3 * 700_000);
            ByteBuffer[] parts = new ByteBuffer[3];
            for (int i = 0; i < 3; i++) {
                parts[i] = ByteBuffer.wrap(data, i * 700_000, 700_000).slice();
            }
            GatherChain chain = new GatherChain(peered.channel(), parts);
            chain.issue();
            assertArrayEquals(data, readSlowly(peered, data.length));
            assertTrue(chain.done.await(10, TimeUnit.SECONDS));
            assertTrue(chain.errors.isEmpty(), chain.errors::toString);
            assertTrue(chain.partial.get() > 0, "a gathering write came back short at least once");
        }
    }

    /** The peer reads in 1 KiB steps, pausing now and then, so the sender keeps finding its buffer full. */
    private static byte[] readSlowly(Sockets.Peered peered, int length) throws Exception {
        ByteBuffer all = ByteBuffer.allocate(length);
        ByteBuffer step = ByteBuffer.allocate(1024);
        for (int reads = 0; all.hasRemaining(); reads++) {
            step.clear().limit(Math.min(step.capacity(), all.remaining()));
            if (peered.peer().read(step) < 0) {
                throw new AssertionError("end of stream after " + all.position() + " bytes");
            }
            all.put(step.flip());
            if (reads % 8 == 0) {
                LockSupport.parkNanos(50_000);
            }
        }
        return all.array();
    }

    /** Writes every byte of {@code parts} with gathering writes, checking each count. */
    private static final class GatherChain implements CompletionHandler<Long, Object> {
        private final AsynchronousSocketChannel channel;
        private final ByteBuffer[] parts;
        final AtomicInteger partial = new AtomicInteger();
        final Queue<String> errors = new ConcurrentLinkedQueue<>();
        final CountDownLatch done = new CountDownLatch(1);
        private volatile long requested;
        private volatile long before;

        GatherChain(AsynchronousSocketChannel channel, ByteBuffer[] parts) {
            this.channel = channel;
            this.parts = parts;
        }

        private long remaining() {
            long n = 0;
            for (ByteBuffer part : parts) {
                n += part.remaining();
            }
            return n;
        }

        void issue() {
            requested = remaining();
            before = requested;
            channel.write(parts, 0, parts.length, 0, TimeUnit.SECONDS, null, this);
        }

        @Override
        public void completed(Long n, Object attachment) {
            long moved = before - remaining();
            if (n <= 0 || n > requested || moved != n) {
                errors.add("gathering write of " + requested + " completed with " + n + ", buffers moved " + moved);
            }
            if (n < requested) {
                partial.incrementAndGet();
            }
            if (remaining() > 0) {
                issue();
            } else {
                done.countDown();
            }
        }

        @Override
        public void failed(Throwable cause, Object attachment) {
            errors.add("failed: " + cause);
            done.countDown();
        }
    }
}
