package io.servercore.gameserver.cluster;

import io.nats.client.Message;
import io.nats.client.Subscription;
import io.servercore.buffer.SendBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room's subject on this node: publishes the room's FRAMEs, SYNCs and SNAPSHOTs
 * ({@link Envelope}) and hands what the other nodes publish there to its {@link Events}.
 * Open while the room exists on this node; {@link #close()} unsubscribes.
 *
 * <p>Threading. The publish methods may be called from any thread; the room calls them from
 * its jobs, so one node's messages in one room leave in the order the room accepted them, and
 * NATS delivers one connection's messages in order. {@link Events} are called on the cluster's
 * dispatcher thread, in each publishing node's order; the snapshot parts being joined are
 * touched only there.
 */
public final class RoomChannel {
    private static final Logger log = LoggerFactory.getLogger(RoomChannel.class);

    /** What other nodes publish in the room; called on the dispatcher thread. */
    public interface Events {
        /** A broadcast of {@code origin}: the frame members receive is {@code data} from {@link #FRAME_OFFSET}. */
        void onFrame(long origin, long seq, byte[] data);

        /** {@code origin} asks {@code target} (0: every node) for its snapshot of the room. */
        void onSync(long origin, long target);

        /** {@code origin}'s members of the room after its FRAME {@code seq}. */
        void onSnapshot(long origin, long seq, List<MemberState> members);
    }

    /** Where the frame starts in {@link Events#onFrame}'s data. */
    public static final int FRAME_OFFSET = Envelope.FRAME_HEADER_LENGTH;

    private final ClusterNode node;
    private final String room;
    private final String subject;
    private final Events events;
    private final Subscription subscription;
    /** Snapshot members of parts received so far, by origin; dispatcher thread only. */
    private final Map<Long, List<MemberState>> parts = new HashMap<>();

    RoomChannel(ClusterNode node, String room, Events events) {
        this.node = node;
        this.room = room;
        this.subject = "gs.r." + Membership.encode(room);
        this.events = events;
        this.subscription = node.dispatcher().subscribe(subject, this::onMessage);
    }

    /** This node's id, which its messages carry. */
    public long nodeId() {
        return node.id();
    }

    /** Publishes one broadcast of this node's stream; the slice stays the caller's. */
    public void publishFrame(long seq, SendBuffer slice) {
        node.publish(subject, Envelope.frame(node.id(), seq, slice));
    }

    /** Asks {@code target} (0: every node in the room) for its snapshot. */
    public void publishSync(long target) {
        node.publish(subject, Envelope.sync(node.id(), target));
    }

    /** Publishes this node's members of the room after its FRAME {@code seq}. */
    public void publishSnapshot(long seq, List<MemberState> members) {
        for (byte[] part : Envelope.snapshot(node.id(), seq, members)) {
            node.publish(subject, part);
        }
    }

    /** Stops receiving; later messages of the room are not delivered. */
    public void close() {
        try {
            node.dispatcher().unsubscribe(subscription);
        } catch (IllegalStateException closed) {
            // the connection is closed: nothing is delivered any more
        }
    }

    private void onMessage(Message message) {
        byte[] data = message.getData();
        try {
            ByteBuffer in = Envelope.wrap(data);
            byte kind = in.get(Envelope.KIND_OFFSET);
            long origin = in.getLong(Envelope.NODE_OFFSET);
            if (origin == node.id()) {
                return; // our own, echoed by a server that ignores no_echo
            }
            switch (kind) {
                case Envelope.FRAME -> events.onFrame(origin, in.getLong(Envelope.SEQ_OFFSET), data);
                case Envelope.SYNC -> events.onSync(origin, in.getLong(Envelope.TARGET_OFFSET));
                case Envelope.SNAPSHOT -> {
                    List<MemberState> members = parts.computeIfAbsent(origin, o -> new ArrayList<>());
                    if (Envelope.readSnapshot(in, members)) {
                        parts.remove(origin);
                        events.onSnapshot(origin, in.getLong(Envelope.SEQ_OFFSET), members);
                    }
                }
                default -> log.warn("room '{}': unknown message kind {} from node {}, {} bytes; ignored", room, kind,
                        Long.toHexString(origin), data.length);
            }
        } catch (RuntimeException e) {
            log.warn("room '{}': malformed message of {} bytes on {}: {}; ignored", room, data.length, subject,
                    e.toString());
        }
    }
}
