package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 200 connections through an echo server, both ends on the same group, every message a
 * gathering write. On our provider the server does what the engine will: it queues what its
 * read handlers produce and writes each session once per loop iteration, from
 * {@link LoopGroup#runAtEndOfIteration(Runnable)}, with one gathering write of everything queued.
 */
@Timeout(120)
class EchoTest {
    private static final int CONNECTIONS = 200;
    private static final int MESSAGES = 30;
    private static final int MAX_PAYLOAD = 2000;

    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger serverSessions = new AtomicInteger();
    private final AtomicLong endOfIterationFlushes = new AtomicLong();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void twoHundredConnectionsGetEveryByteBackInOrder(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2);
             AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(io.group)) {
            listener.bind(Sockets.ANY_LOOPBACK, CONNECTIONS);
            listener.accept(null, new CompletionHandler<AsynchronousSocketChannel, Object>() {
                @Override
                public void completed(AsynchronousSocketChannel channel, Object attachment) {
                    serverSessions.incrementAndGet();
                    if (transport == Transport.LOOP) {
                        new BatchingEcho(channel, io.loops()).read();
                    } else {
                        new DirectEcho(channel).read();
                    }
                    listener.accept(null, this);
                }

                @Override
                public void failed(Throwable cause, Object attachment) {
                    if (!(cause instanceof AsynchronousCloseException)) {
                        errors.add("accept failed: " + cause);
                    }
                }
            });

            CountDownLatch finished = new CountDownLatch(CONNECTIONS);
            for (int i = 0; i < CONNECTIONS; i++) {
                AsynchronousSocketChannel channel = AsynchronousSocketChannel.open(io.group);
                new Client(i, channel, finished).connect(listener.getLocalAddress());
            }
            assertTrue(finished.await(90, TimeUnit.SECONDS), () -> "clients left: " + finished.getCount()
                    + ", errors: " + errors);
            assertTrue(errors.isEmpty(), errors::toString);
            assertEquals(CONNECTIONS, serverSessions.get());
            if (transport == Transport.LOOP) {
                assertTrue(endOfIterationFlushes.get() > 0, "the server flushed at the end of iterations");
            }
        }
    }

    /** Sends MESSAGES messages, each a gathering write of [length, payload], and checks the echo. */
    private final class Client {
        private final AsynchronousSocketChannel channel;
        private final CountDownLatch finished;
        private final byte[][] messages = new byte[MESSAGES][];
        private final byte[] expected;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final ByteBuffer in = ByteBuffer.allocate(4096);
        private final String name;
        private int sent;

        Client(int index, AsynchronousSocketChannel channel, CountDownLatch finished) {
            this.channel = channel;
            this.finished = finished;
            this.name = "client " + index;
            Random random = new Random(index);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int m = 0; m < MESSAGES; m++) {
                byte[] payload = Sockets.pattern(index * 1000L + m, 1 + random.nextInt(MAX_PAYLOAD));
                messages[m] = payload;
                all.write(payload.length >>> 8);
                all.write(payload.length);
                all.writeBytes(payload);
            }
            expected = all.toByteArray();
        }

        void connect(java.net.SocketAddress address) {
            channel.connect(address, null, new CompletionHandler<Void, Object>() {
                @Override
                public void completed(Void result, Object attachment) {
                    channel.read(in, null, reader);
                    sendNext();
                }

                @Override
                public void failed(Throwable cause, Object attachment) {
                    fail("connect failed: " + cause);
                }
            });
        }

        private void sendNext() {
            if (sent == MESSAGES) {
                return;
            }
            byte[] payload = messages[sent++];
            ByteBuffer[] message = {ByteBuffer.wrap(new byte[] {(byte) (payload.length >>> 8), (byte) payload.length}),
                ByteBuffer.wrap(payload)};
            write(message);
        }

        private void write(ByteBuffer[] message) {
            channel.write(message, 0, 2, 0, TimeUnit.SECONDS, null, new CompletionHandler<Long, Object>() {
                @Override
                public void completed(Long n, Object attachment) {
                    if (message[1].hasRemaining()) {
                        write(message);
                    } else {
                        sendNext();
                    }
                }

                @Override
                public void failed(Throwable cause, Object attachment) {
                    fail("write failed: " + cause);
                }
            });
        }

        private final CompletionHandler<Integer, Object> reader = new CompletionHandler<>() {
            @Override
            public void completed(Integer n, Object attachment) {
                if (n < 0) {
                    fail("end of stream after " + received.size() + " of " + expected.length + " bytes");
                    return;
                }
                received.write(in.array(), 0, in.position());
                in.clear();
                if (received.size() < expected.length) {
                    channel.read(in, null, this);
                    return;
                }
                if (!Arrays.equals(expected, received.toByteArray())) {
                    fail("echo differs from what was sent");
                    return;
                }
                close();
                finished.countDown();
            }

            @Override
            public void failed(Throwable cause, Object attachment) {
                fail("read failed: " + cause);
            }
        };

        private void fail(String what) {
            errors.add(name + ": " + what);
            close();
            finished.countDown();
        }

        private void close() {
            try {
                channel.close();
            } catch (IOException e) {
                errors.add(name + ": close failed: " + e);
            }
        }
    }

    /** JDK provider: echoes each read with one gathering write of its two halves, then reads again. */
    private final class DirectEcho {
        private final AsynchronousSocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(4096);

        DirectEcho(AsynchronousSocketChannel channel) {
            this.channel = channel;
        }

        void read() {
            channel.read(in, null, new CompletionHandler<Integer, Object>() {
                @Override
                public void completed(Integer n, Object attachment) {
                    if (n < 0) {
                        closeQuietly(channel);
                        return;
                    }
                    in.flip();
                    int half = in.remaining() / 2;
                    ByteBuffer first = in.duplicate().limit(in.position() + half);
                    ByteBuffer second = in.duplicate().position(in.position() + half);
                    write(new ByteBuffer[] {first, second});
                }

                @Override
                public void failed(Throwable cause, Object attachment) {
                    closeQuietly(channel);
                }
            });
        }

        private void write(ByteBuffer[] parts) {
            channel.write(parts, 0, 2, 0, TimeUnit.SECONDS, null, new CompletionHandler<Long, Object>() {
                @Override
                public void completed(Long n, Object attachment) {
                    if (parts[1].hasRemaining()) {
                        write(parts);
                    } else {
                        in.clear();
                        read();
                    }
                }

                @Override
                public void failed(Throwable cause, Object attachment) {
                    closeQuietly(channel);
                }
            });
        }
    }

    /**
     * Our provider: reads keep going while what they produced waits in a queue; at the end of
     * the loop iteration one gathering write sends all of it. Loop thread only: every handler of
     * the channel and the end task run on the channel's loop.
     */
    private final class BatchingEcho {
        private final AsynchronousSocketChannel channel;
        private final LoopGroup group;
        private final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>();
        private ByteBuffer in = ByteBuffer.allocate(4096);
        private boolean flushScheduled;
        private ByteBuffer[] inFlight;

        BatchingEcho(AsynchronousSocketChannel channel, LoopGroup group) {
            this.channel = channel;
            this.group = group;
        }

        void read() {
            channel.read(in, null, new CompletionHandler<Integer, Object>() {
                @Override
                public void completed(Integer n, Object attachment) {
                    if (n < 0) {
                        closeQuietly(channel);
                        return;
                    }
                    queued.add(in.flip());
                    in = ByteBuffer.allocate(4096);
                    if (!flushScheduled) {
                        flushScheduled = true;
                        if (!group.runAtEndOfIteration(BatchingEcho.this::flush)) {
                            errors.add("a read handler did not run on a loop thread");
                        }
                    }
                    read();
                }

                @Override
                public void failed(Throwable cause, Object attachment) {
                    closeQuietly(channel);
                }
            });
        }

        private void flush() {
            flushScheduled = false;
            if (inFlight != null || queued.isEmpty() || !channel.isOpen()) {
                return; // the write in flight flushes the rest when it completes
            }
            endOfIterationFlushes.incrementAndGet();
            inFlight = queued.toArray(new ByteBuffer[0]);
            queued.clear();
            write();
        }

        private void write() {
            channel.write(inFlight, 0, inFlight.length, 0, TimeUnit.SECONDS, null,
                    new CompletionHandler<Long, Object>() {
                        @Override
                        public void completed(Long n, Object attachment) {
                            if (inFlight[inFlight.length - 1].hasRemaining()) {
                                write();
                                return;
                            }
                            inFlight = null;
                            flush();
                        }

                        @Override
                        public void failed(Throwable cause, Object attachment) {
                            closeQuietly(channel);
                        }
                    });
        }
    }

    private static void closeQuietly(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the test's assertions are on the client side
        }
    }
}
