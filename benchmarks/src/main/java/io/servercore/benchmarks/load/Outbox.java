package io.servercore.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * The write side: sessions that were given bytes during a loop iteration are flushed at its end,
 * one write each however many frames they got, as a competent client batches. A session whose
 * socket took less than asked waits for OP_WRITE and is not written again before.
 *
 * <p>Not thread-safe: owned by the generator's one thread.
 */
final class Outbox {
    private final Tally tally;
    private final int[] dirty;
    private final LoadSession[] sessions;
    private int dirtyCount;

    Outbox(LoadSession[] sessions, Tally tally) {
        this.sessions = sessions;
        this.tally = tally;
        this.dirty = new int[sessions.length];
    }

    /** {@code s} has new bytes in its buffer: flush it at the end of this iteration. */
    void mark(LoadSession s) {
        if (!s.dirty) {
            s.dirty = true;
            dirty[dirtyCount++] = s.index;
        }
    }

    /** Writes every session marked since the last call, except those waiting for OP_WRITE. */
    void flushAll() {
        for (int i = 0; i < dirtyCount; i++) {
            LoadSession s = sessions[dirty[i]];
            s.dirty = false;
            if (!s.writeBlocked) {
                flush(s);
            }
        }
        dirtyCount = 0;
    }

    /** The socket has room again. */
    void onWritable(LoadSession s) {
        flush(s);
    }

    private void flush(LoadSession s) {
        if (s.closed) {
            return;
        }
        ByteBuffer out = s.out;
        out.flip();
        try {
            s.channel.write(out);
        } catch (IOException e) {
            out.clear();
            tally.close(s, "write failed: " + e.getMessage());
            return;
        }
        boolean left = out.hasRemaining();
        out.compact();
        if (left != s.writeBlocked) {
            s.writeBlocked = left;
            s.key.interestOps(left ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }
}
