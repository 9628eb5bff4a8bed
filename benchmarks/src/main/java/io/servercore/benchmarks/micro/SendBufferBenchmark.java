package io.servercore.benchmarks.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.servercore.buffer.SendBufferManager;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Packets encoded per second into pooled direct memory: servercore's {@link SendBufferManager}
 * ({@code open}, write, {@code close}, {@code release}) beside Netty's
 * {@link PooledByteBufAllocator} ({@code directBuffer}, write, {@code release}), on one thread
 * and on two threads sharing one pool.
 *
 * <p>Why the comparison is fair: each operation takes the same 64 bytes into pooled direct
 * memory that outlives a single call and gives it back, as encoding and sending one packet
 * does; neither side tracks leaks. Both pools are the ones a server uses: one manager for the
 * process, and Netty's default allocator with its per-thread caches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class SendBufferBenchmark {
    /** A small packet, the common case on a chat server. */
    static final int PACKET_BYTES = 64;

    private final byte[] packet = WireFrames.of(1, PACKET_BYTES - 4);
    private SendBufferManager pool;
    private ByteBufAllocator alloc;

    @Setup
    public void setUp() {
        // Our own manager: the shared one belongs to the tests' leak check.
        pool = new SendBufferManager(SendBufferManager.DEFAULT_CHUNK_SIZE,
                SendBufferManager.DEFAULT_MAX_POOLED_CHUNKS, false);
        alloc = PooledByteBufAllocator.DEFAULT;
    }

    @TearDown
    public void checkReleased() {
        LeakCheck.none(pool);
    }

    @Benchmark
    @Threads(1)
    public boolean servercore1Thread() {
        return encodeOurs();
    }

    @Benchmark
    @Threads(2)
    public boolean servercore2Threads() {
        return encodeOurs();
    }

    @Benchmark
    @Threads(1)
    public boolean netty1Thread() {
        return encodeNetty();
    }

    @Benchmark
    @Threads(2)
    public boolean netty2Threads() {
        return encodeNetty();
    }

    private boolean encodeOurs() {
        ByteBuffer out = pool.open(PACKET_BYTES);
        out.put(packet);
        return pool.close(PACKET_BYTES).release();
    }

    private boolean encodeNetty() {
        ByteBuf out = alloc.directBuffer(PACKET_BYTES);
        out.writeBytes(packet);
        return out.release();
    }
}
