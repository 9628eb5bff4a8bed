package io.servercore.gameserver;

import io.servercore.gameserver.cluster.ClusterNode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the cluster tells every room of this node: a node is gone, or this node may have missed
 * messages. Each becomes a job on every room's queue, so it takes its place in the room's order.
 *
 * <p>Thread-safe: called on the cluster's threads; only pushes jobs.
 */
final class ClusterListener implements ClusterNode.Listener {
    private final RoomManager rooms;

    private ClusterListener(RoomManager rooms) {
        this.rooms = rooms;
    }

    /** Joins the cluster as {@code config} says, telling {@code rooms} what happens in it. */
    static ClusterNode join(io.servercore.gameserver.cluster.ClusterConfig config, RoomManager rooms)
            throws java.io.IOException {
        return ClusterNode.connect(config, new ClusterListener(rooms));
    }

    @Override
    public void nodeDown(long node) {
        rooms.forEach(room -> room.run(() -> room.cluster().nodeDown(node)));
    }

    @Override
    public void present(String name, java.util.function.Consumer<Boolean> answer) {
        GameRoom room = rooms.get(name);
        if (room == null) {
            answer.accept(false);
        } else {
            room.run(() -> answer.accept(room.cluster().answerPresence()));
        }
    }

    @Override
    public int resync() {
        AtomicInteger count = new AtomicInteger();
        rooms.forEach(room -> {
            count.incrementAndGet();
            room.run(() -> room.cluster().resync());
        });
        return count.get();
    }
}
