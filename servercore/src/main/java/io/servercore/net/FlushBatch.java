package io.servercore.net;

/**
 * Marks the stretches of work whose sends should not each start a socket write: the engine
 * opens a batch around each receive completion, and {@code JobQueue} opens one around each
 * drain.
 *
 * <p>Inside a batch, a send to the session whose receive is being handled (a reply, such as a
 * pong or a sender's own chat) is written when that receive ends, in one gathering write with
 * the other replies to the same read. A send to any other session (a room broadcast) only
 * queues its slice and puts the session on its {@link IoCore}'s deferred flush: one task that
 * the I/O threads run after the I/O events they have already taken from epoll. With several
 * I/O threads another thread may run that task while a batch is still going, so a long drain
 * can leave in a few writes rather than one; handing the sessions over only when the batch ended
 * measured slower (room chat p99 of 0.3 to 4 s instead of 40 ms at 400,000 deliveries a
 * second), because the flushes then start later and in bursts. So when a thread handles many reads in a row (many players chatting
 * into a room), each member gets one write for all of them instead of one per message; when
 * idle, the task runs at once and costs one wake-up.
 *
 * <p>Thread-confined: a batch belongs to the thread that entered it. Batches nest.
 */
public final class FlushBatch {
    private static final ThreadLocal<FlushBatch> CURRENT = ThreadLocal.withInitial(FlushBatch::new);

    private int depth;
    /** The session whose receive completion this thread is handling, if any. */
    Session receiver;
    /** Whether something was sent to {@link #receiver} during its receive. */
    boolean receiverSent;

    private FlushBatch() {
    }

    /** Opens (or nests) this thread's batch. Always pair with {@link #exit()} in a {@code finally}. */
    public static void enter() {
        CURRENT.get().open();
    }

    /** Closes one level. */
    public static void exit() {
        CURRENT.get().leave();
    }

    /** This thread's batch, for the receive path's own bookkeeping. */
    static FlushBatch current() {
        return CURRENT.get();
    }

    void open() {
        depth++;
    }

    void leave() {
        if (depth <= 0) {
            throw new IllegalStateException("FlushBatch.exit() without enter(): depth=" + depth);
        }
        depth--;
    }

    /** Defers {@code session}'s flush if this thread is in a batch; returns whether it did. */
    static boolean defer(Session session) {
        FlushBatch batch = CURRENT.get();
        if (batch.depth == 0) {
            return false;
        }
        if (session == batch.receiver) {
            batch.receiverSent = true;
        } else {
            session.deferFlush();
        }
        return true;
    }
}
