package io.servercore.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@link Service} counts for an operator: sessions opened, refused and open,
 * disconnects by {@link DisconnectReason}, bytes and packets in and out, the bytes queued for
 * its peers, and how many slices its gathering writes carried (a histogram of fixed buckets).
 * {@link Service#stats()} hands it out; an exporter (gameserver's Prometheus endpoint) reads it
 * when scraped, so nothing is counted twice and servercore needs no metrics library.
 *
 * <p>Counted where:
 * <ul>
 * <li>bytes received: each read completion, as the socket returned them;
 * <li>packets received: frames a {@link PacketSession} cut, once per read;
 * <li>bytes and packets sent: each gathering write that completed whole, its bytes and its
 *     slices (one slice is one packet as {@code PacketSession} users send them); a write that
 *     fails part way counts nothing;
 * <li>sessions opened (accepted, for a {@link ServerService}) when a session is made, and a
 *     disconnect, by its reason, when it is reported: so opened minus disconnects is what is open;
 * <li>refused: connections closed at once (or connects not started) because the service was at
 *     {@code maxSessions} or closed.
 * </ul>
 *
 * <p>Threading and cost. The per-event counters sit on the read and write completions, the
 * engine's hottest paths. Each I/O thread of the core counts into a stripe of its own, a run of
 * plain longs padded a cache line away from the next thread's: one writer per cell, so an
 * increment is a load and an ordered store (a plain {@code mov} on x86), with no lock, no CAS and
 * no allocation, as Agrona's and the transport's {@code LoopStats} counters are. A thread that
 * is not one of the core's I/O threads (none counts today) adds to a shared stripe atomically.
 * The once-per-session counters are {@link LongAdder}s and an {@link AtomicLongArray}. Every
 * getter may be called from any thread and sums the stripes as it reads: each figure only grows
 * from one read to the next, but figures read one after another are no single snapshot.
 */
public final class ServiceStats {
    /** The histogram's number of buckets: up to 1, 2, 4, ... {@link Session#MAX_GATHER} slices. */
    public static final int WRITE_SIZE_BUCKETS = Integer.numberOfTrailingZeros(Session.MAX_GATHER) + 1;

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    /*
     * One stripe per I/O thread, stripe 0 shared by any other thread. Counters start a cache line
     * into their stripe, and a stripe is long enough that the next one's counters start at least a
     * cache line after this one's end:
     *
     *   | pad 8 | BYTES_RECEIVED PACKETS_RECEIVED BYTES_SENT SLICES_SENT WRITE_SIZE[11] | pad 9 |
     *   0       8                                                                        23     32
     */
    private static final int PAD = 8;
    private static final int STRIPE = 32;
    private static final int BYTES_RECEIVED = PAD;
    private static final int PACKETS_RECEIVED = PAD + 1;
    private static final int BYTES_SENT = PAD + 2;
    private static final int SLICES_SENT = PAD + 3;
    private static final int WRITE_SIZE = PAD + 4;

    private final Service service;
    private final IoCore core;
    private final int stripes;
    private final long[] cells;
    private final LongAdder opened = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLongArray disconnects = new AtomicLongArray(DisconnectReason.values().length);

    ServiceStats(Service service) {
        this.service = service;
        this.core = service.core();
        this.stripes = core.threads() + 1;
        this.cells = new long[stripes * STRIPE];
    }

    /** The upper bound, in slices, of histogram bucket {@code bucket} (0 to {@link #WRITE_SIZE_BUCKETS} - 1). */
    public static int writeSizeBound(int bucket) {
        if (bucket < 0 || bucket >= WRITE_SIZE_BUCKETS) {
            throw new IllegalArgumentException("bucket=" + bucket + ", min=0, max=" + (WRITE_SIZE_BUCKETS - 1));
        }
        return 1 << bucket;
    }

    // ---- readers (any thread) ---------------------------------------------------------

    /** Sessions connected and not yet reported disconnected. */
    public int sessions() {
        return service.sessionCount();
    }

    /** Sessions made since the service started: accepted by a server, connected by a client. */
    public long sessionsOpened() {
        return opened.sum();
    }

    /** Connections closed at once, or connects not started, because of {@code maxSessions} or a closed service. */
    public long sessionsRefused() {
        return refused.sum();
    }

    /** Disconnects reported with {@code reason} since the service started. */
    public long disconnects(DisconnectReason reason) {
        return disconnects.get(reason.ordinal());
    }

    public long bytesReceived() {
        return sum(BYTES_RECEIVED);
    }

    /** Frames cut by {@link PacketSession}s. */
    public long packetsReceived() {
        return sum(PACKETS_RECEIVED);
    }

    /** Bytes of the gathering writes that completed. */
    public long bytesSent() {
        return sum(BYTES_SENT);
    }

    /** Slices of the gathering writes that completed: packets, one a slice. */
    public long packetsSent() {
        return sum(SLICES_SENT);
    }

    /**
     * Gathering writes that completed, by the number of slices they carried: element {@code i}
     * counts those of more than {@code writeSizeBound(i - 1)} and at most {@code writeSizeBound(i)}
     * slices (per bucket, not cumulative). Their sum is the number of writes; {@link #packetsSent()}
     * is the sum of their sizes.
     */
    public long[] writeSizes() {
        long[] counts = new long[WRITE_SIZE_BUCKETS];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = sum(WRITE_SIZE + i);
        }
        return counts;
    }

    /** Bytes handed to {@code send} and not yet written, over every open session, now. */
    public long queuedBytes() {
        long total = 0;
        for (Session session : service.sessions()) {
            total += session.queuedBytes();
        }
        return total;
    }

    // ---- counting (engine side) ---------------------------------------------------------

    /** A read completed with {@code bytes} bytes; its I/O thread. */
    void received(int bytes) {
        add(stripe(), BYTES_RECEIVED, bytes);
    }

    /** A packet session cut {@code frames} frames from one read; its I/O thread. */
    void packetsReceived(int frames) {
        add(stripe(), PACKETS_RECEIVED, frames);
    }

    /** A gathering write of {@code slices} slices and {@code bytes} bytes completed; its I/O thread. */
    void written(int slices, long bytes) {
        int stripe = stripe();
        add(stripe, BYTES_SENT, bytes);
        add(stripe, SLICES_SENT, slices);
        int bucket = slices <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(slices - 1);
        add(stripe, WRITE_SIZE + Math.min(bucket, WRITE_SIZE_BUCKETS - 1), 1);
    }

    void opened() {
        opened.increment();
    }

    void refused() {
        refused.increment();
    }

    void disconnected(DisconnectReason reason) {
        disconnects.incrementAndGet(reason.ordinal());
    }

    /** The first cell of the calling thread's stripe. */
    private int stripe() {
        int index = core.ioThreadIndex() + 1;
        return index > 0 && index < stripes ? index * STRIPE : 0;
    }

    private void add(int stripe, int counter, long n) {
        int cell = stripe + counter;
        if (stripe != 0) {
            // The stripe's one writer: opaque keeps the store whole and visible, with no fence.
            CELLS.setOpaque(cells, cell, (long) CELLS.getOpaque(cells, cell) + n);
        } else {
            CELLS.getAndAdd(cells, cell, n);
        }
    }

    private long sum(int counter) {
        long total = 0;
        for (int stripe = 0; stripe < stripes; stripe++) {
            total += (long) CELLS.getOpaque(cells, stripe * STRIPE + counter);
        }
        return total;
    }
}
