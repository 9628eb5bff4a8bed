package io.servercore.benchmarks.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One encoded packet shared by the {@value #SESSIONS} members of a room: one
 * {@code retain(100)}, then one {@code release()} per member, reported per member. servercore's
 * {@link SendBuffer} beside a pooled Netty {@link ByteBuf}.
 *
 * <p>Why the comparison is fair: both count references with the same contract (Netty's) on a
 * 64-byte pooled direct buffer, and neither frees it here (the benchmark keeps one reference),
 * so only the counting is measured. This is Netty's cheapest broadcast; its
 * {@code ChannelGroup.write} also takes a {@code retainedDuplicate()} per channel, which is not
 * counted here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class SharedSliceBenchmark {
    /** Members of the room the packet goes to. */
    static final int SESSIONS = 100;

    private SendBufferManager pool;
    private SendBuffer ours;
    private ByteBuf theirs;

    @Setup
    public void setUp() {
        byte[] packet = WireFrames.of(1, SendBufferBenchmark.PACKET_BYTES - 4);
        pool = new SendBufferManager(SendBufferManager.DEFAULT_CHUNK_SIZE,
                SendBufferManager.DEFAULT_MAX_POOLED_CHUNKS, false);
        ours = pool.copyOf(ByteBuffer.wrap(packet));
        theirs = PooledByteBufAllocator.DEFAULT.directBuffer(packet.length).writeBytes(packet);
    }

    @TearDown
    public void release() {
        ours.release();
        theirs.release();
        LeakCheck.none(pool);
    }

    @Benchmark
    @OperationsPerInvocation(SESSIONS)
    public int servercore() {
        SendBuffer slice = ours;
        slice.retain(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            slice.release();
        }
        return slice.refCnt();
    }

    @Benchmark
    @OperationsPerInvocation(SESSIONS)
    public int netty() {
        ByteBuf buf = theirs;
        buf.retain(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            buf.release();
        }
        return buf.refCnt();
    }
}
