package io.servercore.gameserver;

import io.servercore.buffer.SendBufferManager;
import io.servercore.net.DisconnectReason;
import io.servercore.net.ServiceStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's periodic INFO line: sessions, rooms, packets in and out per second, bytes out
 * per second, send-buffer slices alive in the shared pool, heap in use after the last garbage
 * collection, and sessions cut for each reason. The counts are the engine's own
 * ({@link ServiceStats}), the same that the Prometheus endpoint serves: nothing is counted twice.
 * The engine counts the slices it writes, so with {@code --broadcast-tick} a room's batch for one
 * member counts as one packet out.
 *
 * <pre>
 * sessions=0 rooms=0 packets_in=0/s packets_out=0/s bytes_out=0/s pool_slices=0 heap_used=3.2MiB (after the last GC) cut: none
 * </pre>
 *
 * <p>{@code pool_slices} and {@code heap_used} are what a soak watches: with no load the
 * first must be 0 (every slice cut for a packet was released), and the second, read after a
 * full collection ({@code jcmd <pid> GC.run}), must not grow from one quiet moment to the
 * next. {@code heap_used} sums, over the heap's memory pools, the usage each pool had right
 * after the last collection that touched it ({@link MemoryPoolMXBean#getCollectionUsage()}):
 * after a full collection that is the live heap. Between full collections it is a rough
 * figure: with G1 a young collection updates eden and survivor but leaves the old
 * generation's figure where the last full collection (0 before the first) left it. So the line
 * says "(after the last GC)": it is not the heap in use now, which the endpoint's
 * {@code jvm_memory_used_bytes{area="heap"}} shows.
 *
 * <p>Threading: {@link #report()} runs on one timer-dispatched thread at a time, which alone
 * touches the previous figures; {@link #cut} may be called from any thread.
 */
final class ServerStats {
    private static final Logger log = LoggerFactory.getLogger(ServerStats.class);

    private final ServiceStats engine;
    private final IntSupplier rooms;
    private long lastIn;
    private long lastOut;
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    ServerStats(ServiceStats engine, IntSupplier rooms) {
        this.engine = engine;
        this.rooms = rooms;
    }

    /** Sessions cut with {@code reason} so far. */
    long cut(DisconnectReason reason) {
        return engine.disconnects(reason);
    }

    /** Logs one line with the rates since the previous report. */
    void report() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long in = engine.packetsReceived();
        long out = engine.packetsSent();
        long bytes = engine.bytesSent();
        StringBuilder reasons = new StringBuilder();
        for (DisconnectReason reason : DisconnectReason.values()) {
            long n = engine.disconnects(reason);
            if (n > 0) {
                reasons.append(' ').append(reason.name().toLowerCase(Locale.ROOT)).append('=').append(n);
            }
        }
        log.info("sessions={} rooms={} packets_in={}/s packets_out={}/s bytes_out={}/s pool_slices={} "
                        + "heap_used={}MiB (after the last GC) cut:{}",
                engine.sessions(), rooms.getAsInt(), Math.round((in - lastIn) / seconds),
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
