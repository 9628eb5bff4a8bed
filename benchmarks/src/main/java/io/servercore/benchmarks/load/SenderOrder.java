package io.servercore.benchmarks.load;

/**
 * One receiver's record of the highest sequence number seen from each sender: an int to long
 * open-addressing table (linear probing, sized once for the room), so checking a delivery's
 * order costs one probe and no allocation. Each sender id sits beside its number in one array,
 * so a probe touches one cache line: a thousand receivers' tables do not fit in a cache, and
 * a lookup per delivery would otherwise miss twice. Player ids are positive, so 0 marks a free
 * slot.
 *
 * <p>Not thread-safe: owned by the generator's one thread.
 */
final class SenderOrder {
    /** What {@link #advance} answers for a sender it has no room for, or a sender id that is not positive. */
    static final long UNTRACKED = -1;

    /** Slot i: the sender at {@code 2 * i}, the highest sequence number seen from it at {@code 2 * i + 1}. */
    private final long[] slots;
    private final int mask;
    private final int limit;
    private int size;

    /** A table for up to {@code senders} senders, at most half full. */
    SenderOrder(int senders) {
        int capacity = Integer.highestOneBit(Math.max(2, senders) * 2 - 1) << 1;
        this.slots = new long[2 * capacity];
        this.mask = capacity - 1;
        this.limit = capacity / 2;
    }

    /**
     * Notes {@code seq} from {@code sender} and returns the highest seen from it before: 0 for
     * its first, {@link #UNTRACKED} when the table is full or the id is not positive. The
     * highest never goes down, so one late chat does not make the next ones look late too.
     */
    long advance(int sender, long seq) {
        if (sender <= 0) {
            return UNTRACKED;
        }
        int i = slot(sender);
        while (true) {
            long k = slots[2 * i];
            if (k == sender) {
                long before = slots[2 * i + 1];
                if (seq > before) {
                    slots[2 * i + 1] = seq;
                }
                return before;
            }
            if (k == 0) {
                if (size == limit) {
                    return UNTRACKED;
                }
                slots[2 * i] = sender;
                slots[2 * i + 1] = seq;
                size++;
                return 0;
            }
            i = (i + 1) & mask;
        }
    }

    /** Senders seen. */
    int size() {
        return size;
    }

    private int slot(int sender) {
        int h = sender * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
