package io.servercore.gameserver.cluster;

import io.servercore.buffer.SendBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages nodes exchange on a room's subject ({@code gs.r.<room key>}), little-endian as
 * the game protocol is. Every message starts with its kind and the publishing node's id:
 *
 * <pre>
 * FRAME     0      1                 9                 17
 *           +------+-----------------+-----------------+-----------------------------------+
 *           | 1    | node id (u64)   | seq (u64)       | the frame members receive:        |
 *           |      |                 |                 | size u16, id u16, payload         |
 *           +------+-----------------+-----------------+-----------------------------------+
 * SYNC      +------+-----------------+-----------------+
 *           | 2    | node id         | target node id, 0 = every node
 *           +------+-----------------+-----------------+
 * SNAPSHOT  +------+-----------------+-----------------+------+------------+------------------+
 *           | 3    | node id         | seq             | last | count u16  | count members    |
 *           +------+-----------------+-----------------+------+------------+------------------+
 *           member: playerId i32, name (u16 length, UTF-8), x f32, y f32, z f32
 * </pre>
 *
 * A FRAME is one broadcast, in the very bytes members receive, so a node fans it out without
 * re-encoding. {@code seq} counts a node's FRAMEs in one room from 1; it starts again at 1
 * after the node's last member there left. A SNAPSHOT carries the node's members of the room
 * and the seq of its last FRAME there, in parts of at most {@link #SNAPSHOT_PART_BYTES} bytes;
 * {@code last} is 1 on the final part. SYNC asks the target (or every node) for one.
 *
 * <p>Node messages: a heartbeat ({@code gs.hb}) is the node id then the node's name in UTF-8;
 * a goodbye ({@code gs.bye}) is the node id.
 *
 * <p>Stateless; every method may be called from any thread.
 */
final class Envelope {
    static final byte FRAME = 1;
    static final byte SYNC = 2;
    static final byte SNAPSHOT = 3;

    static final int KIND_OFFSET = 0;
    static final int NODE_OFFSET = 1;
    static final int SEQ_OFFSET = 9;
    static final int TARGET_OFFSET = 9;
    /** Bytes before the frame of a FRAME message. */
    static final int FRAME_HEADER_LENGTH = 17;
    static final int SYNC_LENGTH = 17;
    static final int SNAPSHOT_LAST_OFFSET = 17;
    static final int SNAPSHOT_COUNT_OFFSET = 18;
    static final int SNAPSHOT_HEADER_LENGTH = 20;
    /** A snapshot part stays well below NATS's default 1 MiB payload limit. */
    static final int SNAPSHOT_PART_BYTES = 256 * 1024;
    static final int HEARTBEAT_HEADER_LENGTH = 8;

    private Envelope() {
    }

    static ByteBuffer wrap(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A FRAME around the bytes of {@code slice}, which stays the caller's. */
    static byte[] frame(long node, long seq, SendBuffer slice) {
        int size = slice.size();
        byte[] data = new byte[FRAME_HEADER_LENGTH + size];
        ByteBuffer out = wrap(data);
        out.put(FRAME).putLong(node).putLong(seq);
        out.put(slice.nioBuffer());
        return data;
    }

    static byte[] sync(long node, long target) {
        byte[] data = new byte[SYNC_LENGTH];
        wrap(data).put(SYNC).putLong(node).putLong(target);
        return data;
    }

    /** The snapshot's parts, each one message. */
    static List<byte[]> snapshot(long node, long seq, List<MemberState> members) {
        List<byte[]> parts = new ArrayList<>();
        int i = 0;
        do {
            int bytes = SNAPSHOT_HEADER_LENGTH;
            int end = i;
            List<byte[]> names = new ArrayList<>();
            while (end < members.size() && end - i < 0xFFFF) {
                byte[] name = members.get(end).name().getBytes(StandardCharsets.UTF_8);
                int entry = 4 + 2 + name.length + 12;
                if (bytes + entry > SNAPSHOT_PART_BYTES) {
                    break;
                }
                names.add(name);
                bytes += entry;
                end++;
            }
            byte[] data = new byte[bytes];
            ByteBuffer out = wrap(data);
            out.put(SNAPSHOT).putLong(node).putLong(seq).put((byte) (end == members.size() ? 1 : 0))
                    .putShort((short) (end - i));
            for (int k = i; k < end; k++) {
                MemberState m = members.get(k);
                byte[] name = names.get(k - i);
                out.putInt(m.playerId()).putShort((short) name.length).put(name)
                        .putFloat(m.x()).putFloat(m.y()).putFloat(m.z());
            }
            parts.add(data);
            i = end;
        } while (i < members.size());
        return parts;
    }

    /** Appends the members of one SNAPSHOT part to {@code into}; returns whether it was the last part. */
    static boolean readSnapshot(ByteBuffer in, List<MemberState> into) {
        boolean last = in.get(SNAPSHOT_LAST_OFFSET) == 1;
        int count = in.getShort(SNAPSHOT_COUNT_OFFSET) & 0xFFFF;
        in.position(SNAPSHOT_HEADER_LENGTH);
        for (int k = 0; k < count; k++) {
            int id = in.getInt();
            byte[] name = new byte[in.getShort() & 0xFFFF];
            in.get(name);
            into.add(new MemberState(id, new String(name, StandardCharsets.UTF_8), in.getFloat(), in.getFloat(),
                    in.getFloat()));
        }
        return last;
    }

    static byte[] heartbeat(long node, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[HEARTBEAT_HEADER_LENGTH + utf8.length];
        wrap(data).putLong(node).put(utf8);
        return data;
    }

    static String heartbeatName(byte[] data) {
        return new String(data, HEARTBEAT_HEADER_LENGTH, data.length - HEARTBEAT_HEADER_LENGTH, StandardCharsets.UTF_8);
    }

    static byte[] goodbye(long node) {
        byte[] data = new byte[8];
        wrap(data).putLong(node);
        return data;
    }
}
