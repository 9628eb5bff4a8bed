package io.servercore.dummyclient.player;

import io.servercore.dummyclient.protocol.ClientPacketHandler;
import io.servercore.dummyclient.protocol.S_BroadcastEnter;
import io.servercore.dummyclient.protocol.S_BroadcastLeave;
import io.servercore.dummyclient.protocol.S_BroadcastMove;
import io.servercore.dummyclient.protocol.S_Chat;
import io.servercore.dummyclient.protocol.S_EnterRoom;
import io.servercore.dummyclient.protocol.S_Error;
import io.servercore.dummyclient.protocol.S_Pong;

/**
 * Routes each parsed server packet to the {@link PlayerSession} that received it.
 *
 * <p>Stateless and thread-safe; called on the receiving session's I/O thread.
 */
final class PlayerHandler implements ClientPacketHandler<PlayerSession> {
    @Override
    public void handle(PlayerSession session, S_EnterRoom packet) {
        session.onEnterRoom(packet);
    }

    @Override
    public void handle(PlayerSession session, S_BroadcastEnter packet) {
        session.onBroadcastEnter(packet);
    }

    @Override
    public void handle(PlayerSession session, S_BroadcastLeave packet) {
        session.onBroadcastLeave(packet);
    }

    @Override
    public void handle(PlayerSession session, S_Chat packet) {
        session.onChat(packet);
    }

    @Override
    public void handle(PlayerSession session, S_BroadcastMove packet) {
        session.onBroadcastMove(packet);
    }

    @Override
    public void handle(PlayerSession session, S_Pong packet) {
        session.onPong(packet);
    }

    @Override
    public void handle(PlayerSession session, S_Error packet) {
        session.onError(packet);
    }
}
