package io.servercore.benchmarks.micro;

import io.servercore.benchmarks.protocol.S_Chat;
import io.servercore.benchmarks.protocol.S_EnterRoom;
import io.servercore.buffer.SendBufferManager;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packets per second serialized by the PDL-generated {@code write}: a 64-byte {@code S_Chat}
 * and a 100-member {@code S_EnterRoom}, each straight into a pooled slice that is then
 * released, as a send does once the socket has taken it.
 *
 * <p>The packet objects are built once: what is measured is the generated code (size
 * computation, header, fields, UTF-8) and the pool, not the caller's allocation of the packet.
 * There is no Netty counterpart: Netty has no packet compiler, and a hand-written encoder
 * would measure whoever wrote it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PdlWriteBenchmark {
    private final S_Chat chat = SamplePackets.chat();
    private final S_EnterRoom enterRoom = SamplePackets.enterRoom();
    private SendBufferManager pool;

    @Setup
    public void setUp() {
        pool = new SendBufferManager(SendBufferManager.DEFAULT_CHUNK_SIZE,
                SendBufferManager.DEFAULT_MAX_POOLED_CHUNKS, false);
    }

    @TearDown
    public void checkReleased() {
        LeakCheck.none(pool);
    }

    @Benchmark
    public boolean chat() {
        return chat.write(pool).release();
    }

    @Benchmark
    public boolean enterRoom100() {
        return enterRoom.write(pool).release();
    }
}
