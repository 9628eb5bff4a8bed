package io.servercore.benchmarks.micro;

import io.servercore.benchmarks.protocol.S_Chat;
import io.servercore.benchmarks.protocol.S_EnterRoom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packets per second parsed by the PDL-generated {@code read}: a 64-byte {@code S_Chat} and a
 * 100-member {@code S_EnterRoom}, from a direct little-endian payload as the receive loop
 * hands it over, every bound and string checked, into a fresh packet object.
 *
 * <p>No Netty counterpart, for the reason given on {@link PdlWriteBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PdlReadBenchmark {
    private ByteBuffer chat;
    private ByteBuffer enterRoom;

    @Setup
    public void setUp() {
        chat = SamplePackets.payloadOf(SamplePackets.chat());
        enterRoom = SamplePackets.payloadOf(SamplePackets.enterRoom());
    }

    @Benchmark
    public S_Chat chat() {
        // read leaves the position at the limit; rewind is how the next frame starts anew.
        return S_Chat.read(chat.rewind());
    }

    @Benchmark
    public S_EnterRoom enterRoom100() {
        return S_EnterRoom.read(enterRoom.rewind());
    }
}
