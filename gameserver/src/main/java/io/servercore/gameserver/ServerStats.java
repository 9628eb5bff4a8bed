package io.servercore.gameserver;

import io.servercore.buffer.SendBufferManager;
import io.servercore.net.DisconnectReason;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's counters and its periodic INFO line: sessions, rooms, packets in and out per
 * second, bytes out per second, send-buffer slices alive in the shared pool, heap in use
 * after the last garbage collection, and sessions cut for each reason.
 *
 * <p>{@code pool_slices} and {@code heap_used} are what a soak watches: with no load the
 * first must be 0 (every slice cut for a packet was released), and the second, read after a
 * full collection ({@code jcmd <pid> GC.run}), must not grow from one quiet moment to the
 * next. {@code heap_used} sums, over the heap's memory pools, the usage each pool had right
 * after the last collection that touched it ({@link MemoryPoolMXBean#getCollectionUsage()}):
 * after a full collection that is the live heap. Between full collections it is a rough
 * figure: with G1 a young collection updates eden and survivor but leaves the old
 * generation's figure where the last full collection (0 before the first) left it.
 *
 * <p>Thread-safe: counters are {@link LongAdder}s bumped from every I/O thread; {@link #report()}
 * runs on one timer-dispatched thread at a time.
 */
final class ServerStats {
    private static final Logger log = LoggerFactory.getLogger(ServerStats.class);

    final LongAdder packetsIn = new LongAdder();
    final LongAdder packetsOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    private final Map<DisconnectReason, LongAdder> cut = new EnumMap<>(DisconnectReason.class);
    private final IntSupplier sessions;
    private final IntSupplier rooms;
    private long lastIn;
    private long lastOut;
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    ServerStats(IntSupplier sessions, IntSupplier rooms) {
        this.sessions = sessions;
        this.rooms = rooms;
        for (DisconnectReason reason : DisconnectReason.values()) {
            cut.put(reason, new LongAdder());
        }
    }

    void disconnected(DisconnectReason reason) {
        cut.get(reason).increment();
    }

    long cut(DisconnectReason reason) {
        return cut.get(reason).sum();
    }

    /** Logs one line with the rates since the previous report. */
    void report() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long in = packetsIn.sum();
        long out = packetsOut.sum();
        long bytes = bytesOut.sum();
        StringBuilder reasons = new StringBuilder();
        for (Map.Entry<DisconnectReason, LongAdder> entry : cut.entrySet()) {
            long n = entry.getValue().sum();
            if (n > 0) {
                reasons.append(' ').append(entry.getKey().name().toLowerCase()).append('=').append(n);
            }
        }
        log.info("sessions={} rooms={} packets_in={}/s packets_out={}/s bytes_out={}/s pool_slices={} "
                        + "heap_used={}MiB cut:{}",
                sessions.getAsInt(), rooms.getAsInt(), Math.round((in - lastIn) / seconds),
                Math.round((out - lastOut) / seconds), Math.round((bytes - lastBytes) / seconds),
                SendBufferManager.shared().outstandingSlices(),
                String.format(Locale.ROOT, "%.1f", heapAfterLastGc() / (1024.0 * 1024.0)),
                reasons.length() == 0 ? " none" : reasons);
        lastIn = in;
        lastOut = out;
        lastBytes = bytes;
        lastNanos = now;
    }

    /** Bytes of heap in use right after the last collection, summed over the heap's pools. */
    static long heapAfterLastGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }
}
