package io.servercore.course;

import io.servercore.course.packet.C2S_LeaveGame;
import io.servercore.course.packet.C2S_Move;
import io.servercore.course.packet.ServerPacketHandler;

/**
 * The server's packet handlers: the course's {@code PacketHandler}, one method per
 * {@code C2S_} packet of {@code PDL.xml} (the generated {@link ServerPacketHandler} does not
 * compile without each). Each hands the work to the room's queue, as the course's do.
 *
 * <p>Stateless; called on I/O threads, one frame at a time per session.
 */
final class PacketHandler implements ServerPacketHandler<ClientSession> {

    @Override
    public void handle(ClientSession session, C2S_LeaveGame packet) {
        GameRoom room = session.room();
        room.push(() -> room.leave(session));
    }

    @Override
    public void handle(ClientSession session, C2S_Move packet) {
        GameRoom room = session.room();
        room.push(() -> room.move(session, packet));
    }
}
