package io.servercore.transport;

import java.nio.ByteBuffer;

/** Byte counts over a slice of a buffer array, for scattering reads and gathering writes. */
final class Buffers {
    private Buffers() {
    }

    static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long total = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            total += buffers[i].remaining();
        }
        return total;
    }

    static boolean hasRemaining(ByteBuffer[] buffers, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
