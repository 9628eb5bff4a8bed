package io.servercore.gameserver;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import io.servercore.job.Cancellable;
import java.util.ArrayList;
import java.util.List;

/**
 * A room's broadcasts gathered between two ticks, to be sent to every member as one slice per
 * tick: the course's {@code GameRoom.Flush} on its {@code JobTimer}, for {@code --broadcast-tick}.
 * Without it each broadcast's slice is handed to every member when it is made, and the engine
 * gathers a member's slices into one write per loop iteration; with it the room does the
 * gathering itself, over a whole tick, and a member's queue gets one slice per tick instead of
 * one per broadcast.
 *
 * <p>Owned by its room: touched only by the room's jobs, so it needs no lock.
 */
final class BroadcastTick {
    private final List<SendBuffer> gathered = new ArrayList<>();
    /** The tick scheduled to flush what is gathered; null when nothing is gathered. */
    Cancellable next;

    /** Takes over one reference to {@code slice}. */
    void add(SendBuffer slice) {
        gathered.add(slice);
    }

    boolean isEmpty() {
        return gathered.isEmpty();
    }

    /**
     * Copies what was gathered, in order, into as few slices as the pool's chunks allow (one,
     * unless a tick gathered more than a chunk), releases the gathered slices, and returns the
     * copies, each holding one reference for the caller.
     */
    List<SendBuffer> drain(SendBufferManager pool) {
        try {
            return pool.coalesce(gathered, 0);
        } finally {
            for (SendBuffer slice : gathered) {
                slice.release();
            }
            gathered.clear();
        }
    }
}
