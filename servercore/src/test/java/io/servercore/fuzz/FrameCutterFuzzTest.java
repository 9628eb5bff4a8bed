package io.servercore.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.servercore.buffer.RecvBuffer;
import io.servercore.packet.FrameCutter;
import io.servercore.packet.InvalidFrameException;
import io.servercore.packet.PacketHeader;
import java.nio.ByteBuffer;

/**
 * Fuzzes the frame cutter the way a session drives it: bytes arrive in reads of arbitrary
 * sizes into a {@link RecvBuffer}, whole frames are cut and consumed, the buffer is cleaned
 * before each read. Whatever the bytes, the only failure is an {@link InvalidFrameException};
 * every frame cut lies inside the received bytes and within the limit, and the cutter never
 * stalls with a whole frame left unreported.
 *
 * <p>The normal test run replays the committed corpus in
 * {@code src/test/resources/io/servercore/fuzz/FrameCutterFuzzTestInputs}; see the README for
 * fuzzing longer with {@code JAZZER_FUZZ=1}.
 */
class FrameCutterFuzzTest {
    private static final int LIMIT = 512;

    @FuzzTest(maxDuration = "30s")
    void cuttingArbitraryBytesInArbitraryReadsOnlyEverRejectsTheFrame(byte[] input) {
        FrameCutter cutter = new FrameCutter(LIMIT);
        RecvBuffer buffer = new RecvBuffer(2 * LIMIT);
        int at = 0;
        int chunk = input.length == 0 ? 1 : (input[0] & 0x3F) + 1; // the first byte picks the read size
        try {
            while (at < input.length) {
                buffer.clean();
                ByteBuffer free = buffer.writeSegment();
                int n = Math.min(Math.min(chunk, free.remaining()), input.length - at);
                assertTrue(n > 0, "a session would be stuck: no room for the next read");
                free.put(input, at, n);
                buffer.onWrite(n);
                at += n;

                ByteBuffer data = buffer.readSegment();
                int pos = data.position();
                int end = data.limit();
                int size;
                while ((size = cutter.frameAt(data, pos, end - pos)) != 0) {
                    assertTrue(size >= PacketHeader.HEADER_LENGTH && size <= LIMIT, "size=" + size);
                    assertTrue(pos + size <= end, "frame beyond the received bytes");
                    pos += size;
                }
                buffer.onRead(pos - data.position());
                assertTrue(end - pos < LIMIT || end - pos < PacketHeader.HEADER_LENGTH,
                        "a whole frame's worth of bytes left uncut: " + (end - pos));
            }
        } catch (InvalidFrameException expected) {
            // the peer's fault: the session would close
        }
    }
}
