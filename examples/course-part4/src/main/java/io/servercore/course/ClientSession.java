package io.servercore.course;

import io.servercore.net.DisconnectReason;
import io.servercore.net.PacketSession;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One player's connection: the course's {@code ClientSession}. On connect it enters the room, each
 * frame goes to the packet manager generated from {@code PDL.xml}, and on disconnect it leaves.
 * The player's position is the room's, kept there rather than here (the course keeps
 * {@code PosX}/{@code PosY}/{@code PosZ} on the session and lets the room's jobs write them).
 *
 * <p>Threading: the hooks run on I/O threads, as {@link PacketSession} says; the room's work is
 * pushed onto its queue from them. {@code send} may be called from any thread, as the room does
 * from its jobs.
 */
final class ClientSession extends PacketSession {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private final CourseServer server;
    private final int playerId;

    ClientSession(CourseServer server, int playerId) {
        this.server = server;
        this.playerId = playerId;
    }

    /** The course's {@code SessionId}: positive, unique for the life of the server. */
    int playerId() {
        return playerId;
    }

    GameRoom room() {
        return server.room();
    }

    @Override
    protected void onConnected() {
        server.connected();
        room().push(() -> room().enter(this));
        log.debug("session {} {} connected as player {}", id(), peer(), playerId);
    }

    @Override
    protected void onRecvPacket(int id, ByteBuffer payload) {
        server.packets().dispatch(this, id, payload);
    }

    @Override
    protected void onDisconnected(DisconnectReason reason) {
        room().push(() -> room().leave(this));
        // After the push: once a player no longer counts as online, its leave is on the queue.
        server.disconnected();
        log.debug("session {} {} player {} disconnected: {}", id(), peer(), playerId, reason.description());
    }
}
