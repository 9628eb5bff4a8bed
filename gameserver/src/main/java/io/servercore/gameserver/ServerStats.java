package io.servercore.gameserver;

import io.servercore.net.DisconnectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's counters and its periodic INFO line: sessions, rooms, packets in and out per
 * second, bytes out per second, and sessions cut for each reason.
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
        log.info("sessions={} rooms={} packets_in={}/s packets_out={}/s bytes_out={}/s cut:{}",
                sessions.getAsInt(), rooms.getAsInt(), Math.round((in - lastIn) / seconds),
                Math.round((out - lastOut) / seconds), Math.round((bytes - lastBytes) / seconds),
                reasons.length() == 0 ? " none" : reasons);
        lastIn = in;
        lastOut = out;
        lastBytes = bytes;
        lastNanos = now;
    }
}
