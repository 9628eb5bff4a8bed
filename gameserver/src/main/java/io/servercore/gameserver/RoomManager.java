package io.servercore.gameserver;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms by name. A room exists while someone refers to it: a session that asked to enter
 * it holds a reference until it leaves, switches rooms or disconnects. The reference that drops
 * the count to zero retires the room, and a retired room can never be acquired again, so two
 * rooms of the same name can never both have members.
 *
 * <p>Thread-safe and lock-free: any thread may acquire; rooms retire themselves from their own
 * job queues.
 */
final class RoomManager {
    private final ConcurrentHashMap<String, GameRoom> rooms = new ConcurrentHashMap<>();
    private final GameServer server;

    RoomManager(GameServer server) {
        this.server = server;
    }

    /** The live room called {@code name}, made if needed, with one more reference held by the caller. */
    GameRoom acquire(String name) {
        for (;;) {
            GameRoom room = rooms.computeIfAbsent(name, n -> new GameRoom(n, server, this));
            if (room.tryAcquire()) {
                return room;
            }
            rooms.remove(name, room); // retired under us: help it out of the map and make a fresh one
        }
    }

    void retired(GameRoom room) {
        rooms.remove(room.name(), room);
    }

    /** Pushes {@code job} onto every room that exists now; for what the cluster tells every room. */
    void forEach(java.util.function.Consumer<GameRoom> job) {
        rooms.values().forEach(job);
    }

    /** Rooms that currently exist. */
    int count() {
        return rooms.size();
    }

    /** The room called {@code name}, or {@code null}. */
    GameRoom get(String name) {
        return rooms.get(name);
    }
}
