package io.servercore.net;

import java.util.ArrayList;

/**
 * Defers the socket writes of sends made on this thread until the outermost batch ends, so
 * that one gathering write carries every packet a session was sent meanwhile.
 *
 * <p>The engine opens a batch around each receive completion (all packets cut from one read)
 * and {@code JobQueue} opens one around each drain. Under load one write then carries many
 * packets; when idle, a batch holds a single packet and costs nothing extra. Batches nest;
 * only the outermost {@link #exit()} flushes.
 *
 * <p>Thread-confined: a batch belongs to the thread that entered it. Sessions deferred by
 * several threads at once are flushed by each of them, which is harmless: a flush that
 * finds another writer active leaves the queue to it.
 */
public final class FlushBatch {
    private static final ThreadLocal<FlushBatch> CURRENT = ThreadLocal.withInitial(FlushBatch::new);

    private final ArrayList<Session> deferred = new ArrayList<>();
    private int depth;

    private FlushBatch() {
    }

    /** Opens (or nests) this thread's batch. Always pair with {@link #exit()} in a {@code finally}. */
    public static void enter() {
        CURRENT.get().depth++;
    }

    /** Closes one level; the outermost level flushes every deferred session. */
    public static void exit() {
        FlushBatch batch = CURRENT.get();
        if (batch.depth <= 0) {
            throw new IllegalStateException("FlushBatch.exit() without enter(): depth=" + batch.depth);
        }
        if (--batch.depth == 0) {
            batch.flushAll();
        }
    }

    /** Defers {@code session}'s flush if this thread is in a batch; returns whether it did. */
    static boolean defer(Session session) {
        FlushBatch batch = CURRENT.get();
        if (batch.depth == 0) {
            return false;
        }
        if (session.deferredBy != batch) {
            session.deferredBy = batch;
            batch.deferred.add(session);
        }
        return true;
    }

    private void flushAll() {
        // Flushing may run completions inline that send and defer again; keep the batch open
        // for them and loop until nothing is left.
        depth++;
        try {
            for (int i = 0; i < deferred.size(); i++) {
                Session session = deferred.get(i);
                Session.DEFERRED_BY.compareAndSet(session, this, null);
                session.flush();
            }
        } finally {
            deferred.clear();
            depth--;
        }
    }
}
