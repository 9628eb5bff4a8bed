package io.servercore.transport;

/**
 * The operation timeouts of one {@link EventLoop}: a binary min-heap on
 * {@link PendingOp#deadline} in which every operation knows its own slot
 * ({@link PendingOp#heapIndex}), so that an operation that completes before its deadline leaves
 * the heap at once in O(log n). Lazy removal would keep every completed read of a long idle
 * timeout in the heap until that timeout passed.
 *
 * <p>Threading: owned by its loop; only the loop's thread touches it.
 */
final class TimeoutQueue {
    private PendingOp[] heap = new PendingOp[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The operation with the earliest deadline, or null. */
    PendingOp peek() {
        return size == 0 ? null : heap[0];
    }

    void add(PendingOp op) {
        if (op.heapIndex >= 0) {
            throw new IllegalStateException("operation already has a timeout: slot=" + op.heapIndex);
        }
        if (size == heap.length) {
            heap = java.util.Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, op);
    }

    /** Removes and returns the operation with the earliest deadline, or null. */
    PendingOp poll() {
        if (size == 0) {
            return null;
        }
        PendingOp first = heap[0];
        removeAt(0);
        return first;
    }

    /** Removes {@code op} if it is queued. */
    void remove(PendingOp op) {
        int i = op.heapIndex;
        if (i >= 0 && i < size && heap[i] == op) {
            removeAt(i);
        }
    }

    private void removeAt(int i) {
        PendingOp removed = heap[i];
        removed.heapIndex = -1;
        PendingOp last = heap[--size];
        heap[size] = null;
        if (i < size) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
    }

    private void siftUp(int i, PendingOp op) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            PendingOp p = heap[parent];
            if (op.deadline - p.deadline >= 0) {
                break;
            }
            place(i, p);
            i = parent;
        }
        place(i, op);
    }

    private void siftDown(int i, PendingOp op) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline - heap[child].deadline < 0) {
                child = right;
            }
            if (op.deadline - heap[child].deadline <= 0) {
                break;
            }
            place(i, heap[child]);
            i = child;
        }
        place(i, op);
    }

    private void place(int i, PendingOp op) {
        heap[i] = op;
        op.heapIndex = i;
    }
}
