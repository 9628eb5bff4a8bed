package io.servercore.gameserver;

import io.servercore.gameserver.protocol.S_Error;
import io.servercore.net.DisconnectReason;
import io.servercore.net.PacketSession;
import io.servercore.packet.Packet;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One player's connection. Frames go through the packet rate limit, then to the
 * {@link GameServer}'s packet manager, which parses them and calls {@link GameHandler}.
 *
 * <p>Threading. {@link #room} and the rate limit belong to the receive path: touched only from
 * {@code onRecvPacket} (one frame at a time, on an I/O thread) and from
 * {@code onDisconnected}, which runs after the last receive. The player's name and position
 * belong to the room it is in and are kept there. {@link #send(Packet)} may be called from any
 * thread, as rooms do from their jobs.
 */
final class ClientSession extends PacketSession {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicInteger NEXT_PLAYER_ID = new AtomicInteger();

    /** A gate that is already open; completed, so every session may share it. */
    private static final CompletableFuture<Void> OPEN = CompletableFuture.completedFuture(null);

    private final GameServer server;
    private final int playerId;
    private final TokenBucket rateLimit;
    /** The room this session last asked to enter and holds a reference on; receive path only. */
    GameRoom room;
    /**
     * Completes once every room this session left has processed its leave; a room it enters
     * keeps it pending until then (see {@link GameRoom}). Receive path only.
     */
    CompletableFuture<Void> gate = OPEN;

    ClientSession(GameServer server) {
        this.server = server;
        this.playerId = server.cluster() == null ? NEXT_PLAYER_ID.incrementAndGet() : server.cluster().nextPlayerId();
        GameServerConfig config = server.config();
        this.rateLimit = new TokenBucket(config.packetRate(), config.packetBurst(), System.nanoTime());
    }

    /** Positive and unique for the life of the process; in a cluster, unique across its nodes. */
    int playerId() {
        return playerId;
    }

    GameServer server() {
        return server;
    }

    @Override
    protected void onConnected() {
        log.debug("session {} {} connected as player {}", id(), peer(), playerId);
    }

    @Override
    protected void onRecvPacket(int id, ByteBuffer payload) {
        if (!rateLimit.tryAcquire(System.nanoTime())) {
            error(ErrorCode.RATE_LIMITED, "more than " + server.config().packetRate() + " packets a second; packet "
                    + id + " dropped");
            return;
        }
        server.packets().dispatch(this, id, payload);
    }

    @Override
    protected void onDisconnected(DisconnectReason reason) {
        GameRoom left = room;
        room = null;
        if (left != null) {
            left.leave(this, false, null);
        }
        log.debug("session {} {} player {} disconnected: {}", id(), peer(), playerId, reason.description());
    }

    /** Encodes {@code packet} and queues it for this player alone. */
    void send(Packet packet) {
        send(packet.write(server.pool()));
    }

    /** Answers with {@code S_Error}; the session stays open. */
    void error(ErrorCode code, String message) {
        send(new S_Error(code.code, message));
    }
}
