package io.servercore.pdl;

import static io.servercore.packet.PacketBytes.encode;
import static io.servercore.packet.PacketBytes.hex;
import static io.servercore.packet.PacketBytes.payload;
import static io.servercore.packet.PacketBytes.payloadOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.servercore.buffer.SendBufferManager;
import io.servercore.chat.C_Chat;
import io.servercore.chat.C_EnterRoom;
import io.servercore.chat.C_LeaveRoom;
import io.servercore.chat.C_Move;
import io.servercore.chat.C_Ping;
import io.servercore.chat.ClientPacketHandler;
import io.servercore.chat.ClientPacketManager;
import io.servercore.chat.S_BroadcastEnter;
import io.servercore.chat.S_BroadcastLeave;
import io.servercore.chat.S_BroadcastMove;
import io.servercore.chat.S_Chat;
import io.servercore.chat.S_EnterRoom;
import io.servercore.chat.S_Error;
import io.servercore.chat.S_Pong;
import io.servercore.chat.ServerPacketHandler;
import io.servercore.chat.ServerPacketManager;
import io.servercore.net.ClientService;
import io.servercore.net.DisconnectReason;
import io.servercore.net.IoCore;
import io.servercore.net.PacketSession;
import io.servercore.net.ServerService;
import io.servercore.net.ServiceConfig;
import io.servercore.net.Session;
import io.servercore.packet.MalformedPacketException;
import io.servercore.packet.Packet;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generated packet managers of the chat protocol: each id reaches its handler overload
 * with the parsed packet, and whatever the peer must not send is reported as a violation.
 * Most tests observe violations through the manager's {@code ViolationHandler}; the last one
 * runs a real loopback connection, where the default handler closes the session. Test
 * methods are single-threaded except that one, whose handlers run on I/O threads and report
 * through futures.
 */
class PacketManagerTest {
    private final FakeSession session = new FakeSession();
    private final List<String> violations = new ArrayList<>();
    private final List<Packet> handled = new ArrayList<>();
    private final ServerPacketManager<FakeSession> server =
            new ServerPacketManager<>(new RecordingServerHandler<>(handled), (s, detail) -> violations.add(detail));
    private final ClientPacketManager<FakeSession> client =
            new ClientPacketManager<>(new RecordingClientHandler<>(handled), (s, detail) -> violations.add(detail));

    @Test
    void dispatchesEachClientPacketToItsServerHandler() {
        List<Packet> sent = List.of(new C_EnterRoom("lobby", "kim"), new C_LeaveRoom(), new C_Chat("hi"),
                new C_Move(1, 2, 3), new C_Ping(42));
        for (Packet packet : sent) {
            server.dispatch(session, packet.id(), payloadOf(encode(packet)));
        }
        assertEquals(sent, handled);
        assertEquals(List.of(), violations);
    }

    @Test
    void dispatchesEachServerPacketToItsClientHandler() {
        List<Packet> sent = List.of(new S_EnterRoom(1, "lobby", List.of(new S_EnterRoom.Player(2, "lee", 0, 0, 0))),
                new S_BroadcastEnter(2, "lee", 0, 0, 0), new S_BroadcastLeave(2), new S_Chat(2, "hi"),
                new S_BroadcastMove(2, 1, 2, 3), new S_Pong(42), new S_Error(2, "not in a room"));
        for (Packet packet : sent) {
            client.dispatch(session, packet.id(), payloadOf(encode(packet)));
        }
        assertEquals(sent, handled);
        assertEquals(List.of(), violations);
    }

    @Test
    void reportsAServerPacketSentByAClient() {
        server.dispatch(session, S_Chat.ID, payloadOf(encode(new S_Chat(1, "spoofed"))));
        assertEquals(List.of("packet id 7 (S_Chat) is server-to-client; a client may not send it"), violations);
        assertEquals(List.of(), handled);
    }

    @Test
    void reportsAClientPacketSentByAServer() {
        client.dispatch(session, C_Ping.ID, payloadOf(encode(new C_Ping(1))));
        assertEquals(List.of("packet id 10 (C_Ping) is client-to-server; a server may not send it"), violations);
    }

    @Test
    void reportsUnknownIds() {
        server.dispatch(session, 0, payload(new byte[0]));
        server.dispatch(session, 13, payload(new byte[0]));
        client.dispatch(session, 65535, payload(new byte[0]));
        assertEquals(List.of("unknown packet id 0", "unknown packet id 13", "unknown packet id 65535"), violations);
        assertEquals(List.of(), handled);
    }

    @Test
    void reportsAMalformedPayloadWithThePacketAndTheReason() {
        server.dispatch(session, C_Chat.ID, payload(hex("2c01 000000000000000000000000")));
        client.dispatch(session, S_Pong.ID, payload(hex("0102")));
        assertEquals(List.of(
                "packet id 6 (C_Chat): malformed C_Chat.chat: string length=300 exceeds remaining=12",
                "packet id 11 (S_Pong): malformed S_Pong.time: long needs 8 bytes, remaining=2"), violations);
        assertEquals(List.of(), handled);
    }

    @Test
    void letsHandlerExceptionsPropagateEvenAMalformedPacketException() {
        IllegalStateException boom = new IllegalStateException("handler bug");
        ServerPacketManager<FakeSession> throwing = new ServerPacketManager<>(new RecordingServerHandler<FakeSession>(handled) {
            @Override
            public void handle(FakeSession s, C_Chat packet) {
                throw boom;
            }

            @Override
            public void handle(FakeSession s, C_Ping packet) {
                C_Chat.read(payload(hex("ff"))); // a handler's own parsing bug is not the peer's fault
            }
        }, (s, detail) -> violations.add(detail));
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> throwing.dispatch(session, C_Chat.ID, payloadOf(encode(new C_Chat("x"))))));
        assertThrows(MalformedPacketException.class,
                () -> throwing.dispatch(session, C_Ping.ID, payloadOf(encode(new C_Ping(1)))));
        assertEquals(List.of(), violations);
    }

    @Test
    @Timeout(20)
    void aViolationOnARealConnectionClosesTheSession() throws Exception {
        CompletableFuture<DisconnectReason> serverClosed = new CompletableFuture<>();
        CompletableFuture<S_Pong> pong = new CompletableFuture<>();
        ServerPacketManager<ChatSession> serverManager = new ServerPacketManager<>(new RecordingServerHandler<>(
                new ArrayList<>()) {
            @Override
            public void handle(ChatSession s, C_Ping packet) {
                s.send(new S_Pong(packet.time).write(SendBufferManager.shared()));
            }
        });
        ClientPacketManager<ChatSession> clientManager = new ClientPacketManager<>(new RecordingClientHandler<>(
                new ArrayList<>()) {
            @Override
            public void handle(ChatSession s, S_Pong packet) {
                pong.complete(packet);
            }
        });
        try (IoCore core = new IoCore("pdl-test", 2);
                ServerService server = ServerService.start(core, ServiceConfig.builder().host("127.0.0.1").port(0).build(),
                        () -> new ChatSession(serverManager::dispatch, serverClosed));
                ClientService clients = ClientService.create(core, ServiceConfig.builder().host("127.0.0.1")
                        .port(server.localAddress().getPort()).build(),
                        () -> new ChatSession(clientManager::dispatch, new CompletableFuture<>()))) {
            Session session = clients.connect().get(10, TimeUnit.SECONDS);

            session.send(new C_Ping(1234).write(SendBufferManager.shared()));
            assertEquals(new S_Pong(1234), pong.get(10, TimeUnit.SECONDS));

            session.send(new S_Chat(1, "a client may not send this").write(SendBufferManager.shared()));
            assertEquals(DisconnectReason.PROTOCOL_VIOLATION, serverClosed.get(10, TimeUnit.SECONDS));
        }
    }

    /** A session never connected: the managers only pass it to handlers and violation reports. */
    private static final class FakeSession extends PacketSession {
        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            throw new UnsupportedOperationException("not connected");
        }
    }

    /** What a dispatching module's session looks like: frames go to a manager. */
    private static final class ChatSession extends PacketSession {
        private final Dispatcher dispatcher;
        private final CompletableFuture<DisconnectReason> closed;

        ChatSession(Dispatcher dispatcher, CompletableFuture<DisconnectReason> closed) {
            this.dispatcher = dispatcher;
            this.closed = closed;
        }

        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            dispatcher.dispatch(this, id, payload);
        }

        @Override
        protected void onDisconnected(DisconnectReason reason) {
            closed.complete(reason);
        }
    }

    @FunctionalInterface
    private interface Dispatcher {
        void dispatch(ChatSession session, int id, ByteBuffer payload);
    }

    /** Records every packet it is handed, in order. */
    private static class RecordingServerHandler<S extends PacketSession> implements ServerPacketHandler<S> {
        private final List<Packet> handled;

        RecordingServerHandler(List<Packet> handled) {
            this.handled = handled;
        }

        @Override
        public void handle(S s, C_EnterRoom packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, C_LeaveRoom packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, C_Chat packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, C_Move packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, C_Ping packet) {
            handled.add(packet);
        }
    }

    /** Records every packet it is handed, in order. */
    private static class RecordingClientHandler<S extends PacketSession> implements ClientPacketHandler<S> {
        private final List<Packet> handled;

        RecordingClientHandler(List<Packet> handled) {
            this.handled = handled;
        }

        @Override
        public void handle(S s, S_EnterRoom packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, S_BroadcastEnter packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, S_BroadcastLeave packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, S_Chat packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, S_BroadcastMove packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, S_Pong packet) {
            handled.add(packet);
        }

        @Override
        public void handle(S s, S_Error packet) {
            handled.add(packet);
        }
    }
}
