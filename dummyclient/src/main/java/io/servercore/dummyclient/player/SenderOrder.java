package io.servercore.dummyclient.player;

/**
 * One receiver's check of per-sender order: the last chat sequence number seen from each
 * sender (by player id), in an open-addressing table, since a receiver in a room of a
 * thousand tracks a thousand senders and a swarm has thousands of receivers.
 *
 * <p>The first chat seen from a sender sets its baseline (the receiver may have joined after
 * the sender's first chats). After that, each chat must carry the next number; a larger one
 * means chats went missing, a smaller or equal one that the order broke.
 *
 * <p>Not thread-safe: it belongs to one session's receive side, whose calls never overlap.
 */
final class SenderOrder {
    /** What {@link #check} returns for a chat out of order. */
    static final long OUT_OF_ORDER = -1;

    private int[] senders = new int[16];
    private long[] lastSeqs = new long[16];
    private boolean[] used = new boolean[16];
    private int size;

    /**
     * Records chat {@code seq} from {@code sender}: returns how many of the sender's chats
     * were skipped before it (0 when in order), or {@link #OUT_OF_ORDER}.
     */
    long check(int sender, long seq) {
        int slot = slotOf(sender);
        if (!used[slot]) {
            used[slot] = true;
            senders[slot] = sender;
            lastSeqs[slot] = seq;
            if (++size * 2 > senders.length) {
                grow();
            }
            return 0;
        }
        long last = lastSeqs[slot];
        if (seq <= last) {
            return OUT_OF_ORDER;
        }
        lastSeqs[slot] = seq;
        return seq - last - 1;
    }

    /** The slot holding {@code sender}, or the free slot where it belongs. */
    private int slotOf(int sender) {
        int mask = senders.length - 1;
        int slot = mix(sender) & mask;
        while (used[slot] && senders[slot] != sender) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldSenders = senders;
        long[] oldSeqs = lastSeqs;
        boolean[] oldUsed = used;
        senders = new int[oldSenders.length * 2];
        lastSeqs = new long[senders.length];
        used = new boolean[senders.length];
        for (int i = 0; i < oldSenders.length; i++) {
            if (oldUsed[i]) {
                int slot = slotOf(oldSenders[i]);
                used[slot] = true;
                senders[slot] = oldSenders[i];
                lastSeqs[slot] = oldSeqs[i];
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
