package io.servercore.dummyclient;

import io.servercore.buffer.SendBufferManager;
import io.servercore.dummyclient.protocol.C_Chat;
import io.servercore.dummyclient.protocol.C_EnterRoom;
import io.servercore.dummyclient.protocol.C_LeaveRoom;
import io.servercore.dummyclient.protocol.C_Move;
import io.servercore.dummyclient.protocol.C_Ping;
import io.servercore.dummyclient.protocol.S_BroadcastMove;
import io.servercore.dummyclient.protocol.S_Chat;
import io.servercore.dummyclient.protocol.S_EnterRoom;
import io.servercore.dummyclient.protocol.S_Pong;
import io.servercore.dummyclient.protocol.ServerPacketHandler;
import io.servercore.dummyclient.protocol.ServerPacketManager;
import io.servercore.net.IoCore;
import io.servercore.net.PacketSession;
import io.servercore.net.ServerService;
import io.servercore.net.ServiceConfig;
import io.servercore.net.Session;
import io.servercore.packet.Packet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in server that speaks just enough of the protocol for a swarm, and then misbehaves
 * once, on purpose. Every session is alone in its room: S_EnterRoom lists no one, each chat
 * and move comes back to its sender only, each ping is answered.
 *
 * <p>Once {@code faultAfterChats} chats have been answered in all, the {@link Fault} strikes
 * the session that sent the last of them (or every session). Thread-safe: sessions run on
 * the server's I/O threads and share only atomic counters.
 */
final class FakeServer implements AutoCloseable {
    /** The one thing that goes wrong. */
    enum Fault {
        /** Nothing: a clean server, to show the swarm's findings are the fault's. */
        NONE,
        /** Closes the session. */
        DROP_ONE,
        /** Closes every session. */
        CLOSE_ALL,
        /** Sends a frame whose size field says 2, below the 4-byte header. */
        SIZE_TWO_FRAME,
        /** Sends a well-formed frame with packet id 99, which the protocol does not have. */
        UNKNOWN_ID
    }

    private final Fault fault;
    private final int faultAfterChats;
    private final AtomicInteger chats = new AtomicInteger();
    private final AtomicInteger nextPlayerId = new AtomicInteger(1000);
    private final ServerPacketManager<FakeSession> packets = new ServerPacketManager<>(new Handler());
    private final IoCore core;
    private final ServerService service;

    FakeServer(Fault fault, int faultAfterChats) throws IOException {
        this.fault = fault;
        this.faultAfterChats = faultAfterChats;
        this.core = new IoCore("fake", 1);
        ServiceConfig config = ServiceConfig.builder().host("127.0.0.1").port(0).build();
        this.service = ServerService.start(core, config, FakeSession::new);
    }

    int port() {
        return service.localAddress().getPort();
    }

    @Override
    public void close() {
        core.close();
    }

    private void strike(FakeSession session) {
        SendBufferManager pool = SendBufferManager.shared();
        switch (fault) {
            case NONE -> {
            }
            case DROP_ONE -> session.disconnect();
            case CLOSE_ALL -> {
                for (Session s : new ArrayList<>(service.sessions())) {
                    s.disconnect();
                }
            }
            case SIZE_TWO_FRAME -> session.send(pool.copyOf(ByteBuffer.wrap(new byte[] {2, 0, 7, 0})));
            case UNKNOWN_ID -> session.send(pool.copyOf(ByteBuffer.wrap(new byte[] {4, 0, 99, 0})));
        }
    }

    private final class FakeSession extends PacketSession {
        final int playerId = nextPlayerId.getAndIncrement();

        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            packets.dispatch(this, id, payload);
        }

        void reply(Packet packet) {
            send(packet.write(SendBufferManager.shared()));
        }
    }

    private final class Handler implements ServerPacketHandler<FakeSession> {
        @Override
        public void handle(FakeSession session, C_EnterRoom packet) {
            session.reply(new S_EnterRoom(session.playerId, packet.room, new ArrayList<>()));
        }

        @Override
        public void handle(FakeSession session, C_LeaveRoom packet) {
            // a swarm never leaves
        }

        @Override
        public void handle(FakeSession session, C_Chat packet) {
            session.reply(new S_Chat(session.playerId, packet.chat));
            if (chats.incrementAndGet() == faultAfterChats) {
                strike(session);
            }
        }

        @Override
        public void handle(FakeSession session, C_Move packet) {
            session.reply(new S_BroadcastMove(session.playerId, packet.x, packet.y, packet.z));
        }

        @Override
        public void handle(FakeSession session, C_Ping packet) {
            session.reply(new S_Pong(packet.time));
        }
    }
}
