package io.servercore.gameserver.cluster;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of a room's key-value entry: how many members each node holds in the room, one
 * line per node, {@code <node id in hex> <count>}, readable with {@code nats kv get}. A node
 * holds a place from the moment the capacity check granted it until its member left.
 *
 * <p>Not thread-safe: made, changed and written by one thread.
 */
final class RoomCounts {
    final Map<Long, Integer> counts = new LinkedHashMap<>();

    static RoomCounts parse(byte[] value) {
        RoomCounts parsed = new RoomCounts();
        if (value == null) {
            return parsed;
        }
        for (String line : new String(value, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                parsed.counts.put(Long.parseUnsignedLong(line.substring(0, space), 16),
                        Integer.parseInt(line.substring(space + 1).trim()));
            }
        }
        return parsed;
    }

    byte[] format() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            out.append(Long.toHexString(e.getKey())).append(' ').append(e.getValue()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Places held by every node but {@code self}. */
    int othersThan(long self) {
        int sum = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            if (e.getKey() != self) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** Sets {@code node}'s count; 0 removes its line. */
    void set(long node, int count) {
        if (count <= 0) {
            counts.remove(node);
        } else {
            counts.put(node, count);
        }
    }
}
