package io.servercore.gameserver.cluster;

import io.servercore.job.JobQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's line in one room's key-value entry: the places it holds there, kept in step with
 * its members, and the cluster-wide capacity check. One per room name on a node, shared by the
 * room objects of that name that come and go, so that one writer owns the line.
 *
 * <p>Admissions are batched: while one compare-and-set is on its way, the requests that arrive
 * wait, and the next write asks for all of them at once; when fewer places are free than asked,
 * the first ones in are admitted and the rest refused. A release lowers the count with the next
 * write. At most one write is in flight, so the line never goes backwards.
 *
 * <p>Threading. The state is owned by the ledger's own {@link JobQueue}; the methods push jobs
 * and may be called from any thread. The blocking write runs on a KV thread and pushes its
 * result back as a job. {@link Admission#done} runs on a ledger job: it must only hand over
 * (the room pushes a job of its own). Lives from the first {@link ClusterNode#ledger} until its
 * last room object let go and its line reached 0; a retired ledger is never used again.
 */
public final class RoomLedger {
    private static final Logger log = LoggerFactory.getLogger(RoomLedger.class);
    /** How long an admission may wait for a NATS that does not answer before it is refused. */
    static final long ADMIT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long RETRY_MILLIS = 250;

    /** The answer to one admission. */
    public interface Admission {
        /** @param refusal null when admitted; else why not ({@code "full"} or what failed) */
        void done(String refusal);
    }

    /** What {@link Admission#done} says when the room is at capacity. */
    public static final String FULL = "full";

    private final ClusterNode node;
    private final String room;
    private final JobQueue jobs;
    /** Room objects using this ledger; -1 once retired. */
    private final AtomicInteger refs = new AtomicInteger();

    // ---- owned by the jobs ----
    /** Places granted here and not released. */
    private int held;
    /** This node's count as last written to key-value. */
    private int written;
    /** Whether key-value may not hold {@link #written} (after an outage): write even if nothing changed. */
    private boolean dirty;
    private boolean inFlight;
    private boolean retryScheduled;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    private record Waiting(Admission admission, long since) {
    }

    RoomLedger(ClusterNode node, String room) {
        this.node = node;
        this.room = room;
        this.jobs = new JobQueue(node.kvExecutor());
    }

    boolean tryAcquire() {
        for (;;) {
            int n = refs.get();
            if (n < 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** A room object is done with this ledger (its places are released separately). */
    public void releaseRef() {
        jobs.push(() -> {
            refs.decrementAndGet();
            kick();
        });
    }

    /** Asks for one place; {@code admission} is answered once. */
    public void admit(Admission admission) {
        jobs.push(() -> {
            waiting.add(new Waiting(admission, System.nanoTime()));
            kick();
        });
    }

    /** Gives back one place that was granted. */
    public void release() {
        jobs.push(() -> {
            held--;
            kick();
        });
    }

    /** Writes the line again, whatever it was: NATS may have lost it, or a node reaped it by mistake. */
    void reassert() {
        jobs.push(() -> {
            dirty = true;
            kick();
        });
    }

    private void kick() {
        if (inFlight || retryScheduled) {
            return;
        }
        if (waiting.isEmpty() && held == written && !dirty) {
            if (held == 0 && refs.compareAndSet(0, -1)) {
                node.retired(room, this);
            }
            return;
        }
        inFlight = true;
        dirty = false;
        int base = held;
        List<Waiting> batch = new ArrayList<>(waiting);
        waiting.clear();
        node.kvExecutor().execute(() -> {
            try {
                int granted = node.membership().write(room, base, batch.size(), node.config().roomCapacity());
                jobs.push(() -> written(base, batch, granted));
            } catch (Exception e) {
                jobs.push(() -> failed(batch, e));
            }
        });
    }

    private void written(int base, List<Waiting> batch, int granted) {
        inFlight = false;
        held += granted;
        written = base + granted;
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).admission.done(i < granted ? null : FULL);
        }
        kick();
    }

    private void failed(List<Waiting> batch, Exception e) {
        inFlight = false;
        dirty = true;
        long now = System.nanoTime();
        for (int i = batch.size() - 1; i >= 0; i--) {
            waiting.addFirst(batch.get(i));
        }
        while (!waiting.isEmpty() && now - waiting.peekFirst().since > ADMIT_TIMEOUT_NANOS) {
            waiting.pollFirst().admission.done("cluster membership unavailable: " + e.getMessage());
        }
        log.debug("room '{}': key-value write failed, retrying in {} ms: {}", room, RETRY_MILLIS, e.toString());
        retryScheduled = true;
        node.schedule(() -> jobs.push(() -> {
            retryScheduled = false;
            kick();
        }), RETRY_MILLIS);
    }
}
