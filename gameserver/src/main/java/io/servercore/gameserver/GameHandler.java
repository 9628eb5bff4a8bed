package io.servercore.gameserver;

import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.C_LeaveRoom;
import io.servercore.gameserver.protocol.C_Move;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.gameserver.protocol.ServerPacketHandler;
import io.servercore.packet.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The game's packet handlers: argument checks of docs/protocol.md section 4 on the receive path,
 * then a job on the session's room. A new packet is one PDL element and one method here.
 *
 * <p>Threading: called on a session's I/O thread, one frame at a time per session; touches
 * only that session's receive-path state and pushes room jobs. Stateless otherwise.
 */
final class GameHandler implements ServerPacketHandler<ClientSession> {
    static final int MAX_NAME_BYTES = 32;

    private final GameServerConfig config;
    private final RoomManager rooms;

    GameHandler(GameServerConfig config, RoomManager rooms) {
        this.config = config;
        this.rooms = rooms;
    }

    @Override
    public void handle(ClientSession session, C_EnterRoom packet) {
        if (!validName(packet.room) || !validName(packet.name)) {
            session.error(ErrorCode.INVALID_ARGUMENT,
                    "room and name must be 1 to " + MAX_NAME_BYTES + " bytes of UTF-8 without control characters");
            return;
        }
        leaveCurrent(session, false);
        GameRoom room = rooms.acquire(packet.room);
        session.room = room;
        room.enter(session, packet.name, session.gate);
    }

    @Override
    public void handle(ClientSession session, C_LeaveRoom packet) {
        if (session.room == null) {
            session.error(ErrorCode.NOT_IN_ROOM, "not in a room");
            return;
        }
        leaveCurrent(session, true);
    }

    @Override
    public void handle(ClientSession session, C_Chat packet) {
        GameRoom room = session.room;
        if (room == null) {
            session.error(ErrorCode.NOT_IN_ROOM, "not in a room");
            return;
        }
        int bytes = Utf8.length(packet.chat);
        if (bytes > config.chatLimit()) {
            session.error(ErrorCode.INVALID_ARGUMENT, "chat of " + bytes + " bytes, max=" + config.chatLimit());
            return;
        }
        room.chat(session, packet.chat);
    }

    @Override
    public void handle(ClientSession session, C_Move packet) {
        GameRoom room = session.room;
        if (room == null) {
            session.error(ErrorCode.NOT_IN_ROOM, "not in a room");
            return;
        }
        if (!Float.isFinite(packet.x) || !Float.isFinite(packet.y) || !Float.isFinite(packet.z)) {
            session.error(ErrorCode.INVALID_ARGUMENT, "position must be finite: (" + packet.x + ", " + packet.y
                    + ", " + packet.z + ")");
            return;
        }
        room.move(session, packet.x, packet.y, packet.z);
    }

    @Override
    public void handle(ClientSession session, C_Ping packet) {
        session.send(new S_Pong(packet.time));
    }

    /**
     * Leaves the current room, if any, and moves the session's gate on: the next room it enters
     * activates it only after this room, and every room before it, processed the leave.
     */
    private static void leaveCurrent(ClientSession session, boolean reply) {
        GameRoom current = session.room;
        if (current != null) {
            session.room = null;
            CompletableFuture<Void> processed = new CompletableFuture<>();
            current.leave(session, reply, processed);
            session.gate = session.gate.isDone() ? processed : CompletableFuture.allOf(session.gate, processed);
        }
    }

    /** 1 to 32 bytes of UTF-8 with no control characters. */
    static boolean validName(String s) {
        if (s.isEmpty() || s.length() > MAX_NAME_BYTES) {
            return false; // a UTF-16 unit is at least one UTF-8 byte
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return false;
            }
        }
        return s.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES;
    }
}
