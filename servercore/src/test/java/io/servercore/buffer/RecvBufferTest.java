package io.servercore.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RecvBufferTest {

    private static void receive(RecvBuffer buffer, int... bytes) {
        ByteBuffer free = buffer.writeSegment();
        for (int b : bytes) {
            free.put((byte) b);
        }
        buffer.onWrite(bytes.length);
    }

    @Test
    void readsLandInDirectMemorySoTheJdkNeedsNoBounceBuffer() {
        RecvBuffer buffer = new RecvBuffer(16);
        assertTrue(buffer.writeSegment().isDirect());
        assertTrue(buffer.readSegment().isDirect());
    }

    @Test
    void consumedBytesAreNotOfferedAgain() {
        RecvBuffer buffer = new RecvBuffer(16);
        receive(buffer, 1, 2, 3, 4);
        buffer.onRead(3);
        ByteBuffer data = buffer.readSegment();
        assertEquals(1, data.remaining());
        assertEquals(4, data.get(data.position()));
    }

    @Test
    void cursorsRewindForFreeWhenEverythingWasConsumed() {
        RecvBuffer buffer = new RecvBuffer(16);
        receive(buffer, 1, 2, 3);
        buffer.onRead(3);
        buffer.clean();
        assertEquals(16, buffer.freeSize());
        assertEquals(0, buffer.writeSegment().position());
    }

    @Test
    void aPartialFrameMovesToTheFrontWhenSpaceRunsLow() {
        RecvBuffer buffer = new RecvBuffer(16);
        receive(buffer, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        buffer.onRead(12); // two bytes of a frame left, two bytes free: below a quarter
        buffer.clean();
        assertEquals(2, buffer.dataSize());
        assertEquals(14, buffer.freeSize());
        ByteBuffer data = buffer.readSegment();
        assertEquals(12, data.get(data.position()));
        assertEquals(13, data.get(data.position() + 1));
    }

    @Test
    void plentyOfFreeSpaceMeansNoCopy() {
        RecvBuffer buffer = new RecvBuffer(16);
        receive(buffer, 1, 2, 3, 4);
        buffer.onRead(2);
        buffer.clean();
        assertEquals(12, buffer.freeSize());
        assertEquals(2, buffer.readSegment().position());
    }

    @Test
    void itGrowsForAFrameLargerThanItselfAndKeepsTheUnconsumedBytes() {
        RecvBuffer buffer = new RecvBuffer(8, 64);
        receive(buffer, 1, 2, 3, 4, 5, 6);
        buffer.onRead(2);
        assertTrue(buffer.ensureCapacity(40));
        assertEquals(40, buffer.capacity());
        assertEquals(4, buffer.dataSize());
        ByteBuffer data = buffer.readSegment();
        assertEquals(0, data.position(), "the kept bytes moved to the front");
        assertEquals(3, data.get(0));
        assertEquals(6, data.get(3));
        assertTrue(buffer.writeSegment().isDirect());
    }

    @Test
    void aFullBufferDoublesUntilItsMaximumAndThenSaysSo() {
        RecvBuffer buffer = new RecvBuffer(4, 8);
        receive(buffer, 1, 2, 3, 4);
        assertTrue(buffer.ensureCapacity(0), "full: it grows");
        assertEquals(8, buffer.capacity());
        receive(buffer, 5, 6, 7, 8);
        assertFalse(buffer.ensureCapacity(0), "full at its maximum");
        assertEquals(8, buffer.dataSize());
    }

    @Test
    void aBufferWithRoomStaysAsItIs() {
        RecvBuffer buffer = new RecvBuffer(16, 64);
        receive(buffer, 1);
        assertTrue(buffer.ensureCapacity(10));
        assertEquals(16, buffer.capacity());
    }

    @Test
    void cursorMovesBeyondTheDataAreRefused() {
        RecvBuffer buffer = new RecvBuffer(8);
        receive(buffer, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> buffer.onRead(3));
        assertEquals("consumed=3, min=0, max=2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> buffer.onWrite(7));
    }
}
