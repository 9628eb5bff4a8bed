package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.servercore.buffer.SendBufferManager;
import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_EnterRoom;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.net.ClientService;
import io.servercore.net.DisconnectReason;
import io.servercore.net.IoCore;
import io.servercore.net.PacketSession;
import io.servercore.net.ServiceConfig;
import io.servercore.net.Session;
import io.servercore.packet.Packet;
import io.servercore.testing.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad networks: peers that reset in the middle of a send, close half-way through a frame, or
 * vanish during a broadcast to 500 members. No exception escapes (nothing is logged at
 * ERROR), no slice leaks (the pool check after each test), and the rest of the room gets
 * everything.
 */
@Timeout(90)
class FaultTest {
    private static GameServerConfig config() {
        GameServerConfig base = TestServers.config();
        return new GameServerConfig(base.host(), 0, 2, 10_000, 4096, 1000, 1024, 0, 400, 4L << 20, 60_000, 0);
    }

    /** A room member on the client side: enters on connect, counts chats and checks their order. */
    static final class Member extends PacketSession {
        final AtomicInteger chats = new AtomicInteger();
        final AtomicInteger outOfOrder = new AtomicInteger();
        volatile boolean entered;
        private final int senderId;

        Member(int senderId) {
            this.senderId = senderId;
        }

        @Override
        protected void onConnected() {
            send(new C_EnterRoom("big", "m" + id()).write(SendBufferManager.shared()));
        }

        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            if (id == S_EnterRoom.ID) {
                entered = true;
            } else if (id == S_Chat.ID) {
                S_Chat chat = S_Chat.read(payload);
                if (chat.playerId == senderId) {
                    if (!chat.chat.equals("c" + chats.get())) {
                        outOfOrder.incrementAndGet();
                    }
                    chats.incrementAndGet();
                }
            }
        }
    }

    @Test
    void membersVanishingDuringABroadcastToFiveHundredCostTheRestNothing() throws Exception {
        int stayers = 400;
        int vanishers = 100;
        int chats = 200;
        try (LogCapture log = new LogCapture(); GameServer server = TestServers.start(config());
             IoCore clientCore = new IoCore("clients", 1);
             GameClient sender = new GameClient(server.address())) {
            int senderId = sender.enter("big", "sender").playerId;
            List<Member> stayed = new CopyOnWriteArrayList<>();
            ClientService clients = ClientService.create(clientCore, ServiceConfig.builder().host("127.0.0.1")
                    .port(server.address().getPort()).maxFrameSize(65535).build(), () -> {
                        Member m = new Member(senderId);
                        stayed.add(m);
                        return m;
                    });
            List<CompletableFuture<Session>> connects = clients.connect(stayers);
            CompletableFuture.allOf(connects.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            // Vanishers enter and then never read: the server has writes queued or in flight to them.
            List<GameClient> vanishing = new ArrayList<>();
            for (int i = 0; i < vanishers; i++) {
                GameClient v = new GameClient(server.address());
                v.send(new C_EnterRoom("big", "v" + i));
                vanishing.add(v);
            }
            Await.until("every member is in", () -> stayed.stream().allMatch(m -> m.entered)
                    && server.sessionCount() == 1 + stayers + vanishers);

            Thread vanish = new Thread(() -> {
                for (int i = 0; i < vanishers; i++) {
                    try {
                        if (i % 2 == 0) {
                            vanishing.get(i).raw().reset();
                        } else {
                            vanishing.get(i).close();
                        }
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }, "vanisher");
            for (int i = 0; i < chats; i++) {
                sender.send(new C_Chat("c" + i));
                if (i == chats / 4) {
                    vanish.start();
                }
            }
            vanish.join(10_000);
            int echoes = 0;
            while (echoes < chats) {
                Packet p = sender.next();
                if (p instanceof S_Chat && ((S_Chat) p).playerId == senderId) {
                    assertEquals("c" + echoes, ((S_Chat) p).chat);
                    echoes++;
                }
            }
            Await.until("every member that stayed got every chat",
                    () -> stayed.stream().allMatch(m -> m.chats.get() == chats),
                    () -> stayed.stream().mapToInt(m -> m.chats.get()).min().orElse(-1));
            assertEquals(0, stayed.stream().mapToInt(m -> m.outOfOrder.get()).sum(), "chats out of order");
            Await.until("the vanished are gone from the server", () -> server.sessionCount() == 1 + stayers,
                    server::sessionCount);
            assertEquals(List.of(), log.lines(Level.ERROR));
            clients.close();
        }
    }

    /**
     * The stuck peer's window is small from its first byte (its receive buffer is set before it
     * connects), and the server is asked to send it more than the kernels on both ends can hold:
     * the peer's receive buffer and the most a send buffer may grow to. So when it resets, the
     * server holds unwritten bytes for it, behind a write in flight, and the pool shows them.
     */
    @Test
    void aPeerThatResetsWhileAWriteToItIsInFlightCostsTheRoomNothing() throws Exception {
        GameServerConfig base = config();
        GameServerConfig roomy = new GameServerConfig(base.host(), 0, 2, 100, 4096, 1000, 1024, 0, 400,
                256L << 20, 60_000, 0);
        try (LogCapture log = new LogCapture(); GameServer server = TestServers.start(roomy);
             GameClient talker = new GameClient(server.address());
             GameClient stuck = new GameClient(server.address(), 4096)) {
            int t = talker.enter("room", "talker").playerId;
            stuck.enter("room", "stuck");
            talker.expect(io.servercore.gameserver.protocol.S_BroadcastEnter.class);
            String big = "x".repeat(1000);
            int chatFrame = GameClient.bytes(new S_Chat(t, big)).length;
            long kernelCanHold = stuck.raw().socket().getReceiveBufferSize() + largestSendBuffer();
            int chats = (int) ((kernelCanHold + (2 << 20)) / chatFrame);
            for (int sent = 0; sent < chats; sent += 100) {
                int batch = Math.min(100, chats - sent);
                for (int i = 0; i < batch; i++) {
                    talker.send(new C_Chat(big));
                }
                for (int i = 0; i < batch; i++) {
                    assertEquals(new S_Chat(t, big), talker.expect(S_Chat.class));
                }
            }
            // Bytes the kernels cannot have taken are still the server's: their slices are alive.
            long unwritten = (long) chats * chatFrame - kernelCanHold;
            long slicesHeld = SendBufferManager.shared().outstandingSlices();
            assertTrue(slicesHeld >= unwritten / chatFrame, slicesHeld + " slices held for " + unwritten
                    + " bytes the kernels cannot hold");
            assertEquals(2, server.sessionCount(), "the stuck peer is still connected before its reset");

            stuck.raw().reset();
            Await.until("the reset is noticed", () -> server.stats().cut(DisconnectReason.IO_ERROR)
                    + server.stats().cut(DisconnectReason.PEER_CLOSED) == 1);
            talker.send(new C_Ping(5));
            Packet p;
            do {
                p = talker.next();
            } while (!(p instanceof S_Pong));
            assertEquals(List.of(), log.lines(Level.ERROR));
        }
    }

    /**
     * The most a TCP send buffer may grow to by itself: Linux's tcp_wmem maximum, or its usual
     * 4 MiB where that cannot be read.
     */
    private static long largestSendBuffer() {
        try {
            String[] wmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Long.parseLong(wmem[2]);
        } catch (IOException | RuntimeException e) {
            return 4L << 20;
        }
    }

    @Test
    void aPeerThatClosesHalfWayThroughAFrameIsForgottenQuietly() throws Exception {
        try (LogCapture log = new LogCapture(); GameServer server = TestServers.start(config());
             GameClient member = new GameClient(server.address())) {
            int m = member.enter("room", "member").playerId;
            try (GameClient quitter = new GameClient(server.address())) {
                quitter.enter("room", "quitter");
                byte[] chat = GameClient.bytes(new C_Chat("never finished"));
                quitter.raw().write(chat, 0, chat.length / 2);
            }
            member.expect(io.servercore.gameserver.protocol.S_BroadcastEnter.class);
            member.expect(io.servercore.gameserver.protocol.S_BroadcastLeave.class);
            Await.until("closed by the peer", () -> server.stats().cut(DisconnectReason.PEER_CLOSED) == 1);
            member.send(new C_Chat("still fine"));
            assertEquals(new S_Chat(m, "still fine"), member.expect(S_Chat.class));
            assertEquals(List.of(), log.lines(Level.ERROR));
            assertTrue(log.lines(Level.WARN).isEmpty(), "a half frame at close is no violation: " + log.lines(Level.WARN));
        }
    }
}
