package io.servercore.benchmarks.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.servercore.net.ServiceConfig;
import io.servercore.packet.FrameCutter;
import io.servercore.packet.PacketHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Frames per second cut out of a full receive buffer: servercore's {@link FrameCutter} beside
 * Netty's {@link LengthFieldBasedFrameDecoder}, for 8, 64 and 512 byte payloads.
 *
 * <p>Why the comparison is fair: both cut the same bytes ({@link #FRAMES} whole frames) out of
 * a direct buffer, check each header against the same inbound limit, read each frame's id and
 * hand a view of the payload, and its length, to the consumer without copying a byte. Ours does exactly what
 * {@code PacketSession.onRecv} does (it moves the receive buffer's position and limit); Netty's
 * does what {@code ByteToMessageDecoder} does for each frame (its {@code decode} returns a
 * retained slice, which the handler releases once done). Neither includes the socket read nor
 * Netty's cumulation, which a full buffer of whole frames does not need.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Ours runs without leak tracking, so Netty does too; otherwise it records a sample of slices.
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class FrameCuttingBenchmark {
    /** Frames in the buffer; a constant so that one operation is one frame. */
    static final int FRAMES = 128;

    @Param({"8", "64", "512"})
    public int payloadSize;

    private final FrameCutter cutter = new FrameCutter(ServiceConfig.DEFAULT_MAX_FRAME_SIZE);
    private final NettyCutter nettyCutter = new NettyCutter(ServiceConfig.DEFAULT_MAX_FRAME_SIZE);
    private ByteBuffer ours;
    private ByteBuf theirs;

    @Setup
    public void fill() {
        byte[] frames = WireFrames.of(FRAMES, payloadSize);
        ours = ByteBuffer.allocateDirect(frames.length).order(ByteOrder.LITTLE_ENDIAN);
        ours.put(frames).flip();
        // The buffer a Netty channel reads into: pooled and direct.
        theirs = PooledByteBufAllocator.DEFAULT.directBuffer(frames.length).writeBytes(frames);
    }

    @TearDown
    public void free() {
        theirs.release();
    }

    /** PacketSession's receive loop, with the handler replaced by the Blackhole. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int servercore(Blackhole consumer) {
        ByteBuffer data = ours;
        int end = data.limit();
        int pos = 0;
        int size;
        while ((size = cutter.frameAt(data, pos, end - pos)) != 0) {
            int id = PacketHeader.id(data, pos);
            data.limit(pos + size).position(pos + PacketHeader.HEADER_LENGTH);
            consumer.consume(id);
            consumer.consume(data);
            // Ask the view its bounds, as a parser would: the Blackhole alone does not keep
            // the JIT from dropping the position and limit writes nobody reads.
            consumer.consume(data.remaining());
            data.limit(end);
            pos += size;
        }
        return pos;
    }

    /** LengthFieldBasedFrameDecoder's per-frame work, then the handler's id read and release. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int netty(Blackhole consumer) throws Exception {
        ByteBuf in = theirs;
        in.readerIndex(0);
        ByteBuf frame;
        while ((frame = nettyCutter.cut(in)) != null) {
            int id = frame.getUnsignedShortLE(PacketHeader.ID_OFFSET);
            frame.skipBytes(PacketHeader.HEADER_LENGTH);
            consumer.consume(id);
            consumer.consume(frame);
            consumer.consume(frame.readableBytes());
            frame.release();
        }
        return in.readerIndex();
    }

    /**
     * The decoder as a Netty user configures it for this protocol: a little-endian u16 size at
     * offset 0 that counts the whole frame (hence the adjustment of -2), nothing stripped so
     * that the handler can read the id. {@code decode} is protected; this exposes it.
     */
    static final class NettyCutter extends LengthFieldBasedFrameDecoder {
        NettyCutter(int maxFrameSize) {
            super(ByteOrder.LITTLE_ENDIAN, maxFrameSize, 0, 2, -2, 0, true);
        }

        /** The next whole frame as a retained slice of {@code in}, or null; the context is unused on this path. */
        ByteBuf cut(ByteBuf in) throws Exception {
            return (ByteBuf) decode(null, in);
        }
    }
}
