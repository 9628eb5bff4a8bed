package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_Pong;
import io.servercore.net.DisconnectReason;
import io.servercore.net.Session;
import io.servercore.packet.Packet;
import io.servercore.testing.Await;
import io.servercore.testing.Frames;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The violations of docs/protocol.md section 6 close that one session, with no reply and one WARN
 * line naming the peer, while a bystander in the same room goes on undisturbed.
 */
@Timeout(30)
class ViolationTest {
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private final Logger sessionLog = (Logger) LoggerFactory.getLogger(Session.class);
    private GameServer server;

    @BeforeEach
    void start() throws Exception {
        warnings.start();
        sessionLog.addAppender(warnings);
        server = TestServers.start();
    }

    @AfterEach
    void stop() {
        server.close();
        sessionLog.detachAppender(warnings);
    }

    static List<Arguments> violations() {
        return List.of(
            Arguments.of("size 0", Frames.header(0, 1, new byte[4])),
            Arguments.of("size 3", Frames.header(3, 1, new byte[4])),
            Arguments.of("size above the limit", Frames.header(4097, 6, new byte[16])),
            Arguments.of("unknown id", Frames.frame(99, new byte[0])),
            Arguments.of("an S_ id from a client", Frames.frame(7, new byte[] {1, 0, 0, 0, 0, 0})),
            Arguments.of("string running past the frame", Frames.frame(6, new byte[] {10, 0, 'h', 'i'})),
            Arguments.of("trailing bytes", Frames.frame(6, new byte[] {2, 0, 'h', 'i', 0})),
            Arguments.of("invalid UTF-8", Frames.frame(6, new byte[] {2, 0, (byte) 0xC0, (byte) 0x80})),
            Arguments.of("truncated long", Frames.frame(10, new byte[] {1, 2, 3})),
            Arguments.of("a chat with no payload", Frames.frame(6, new byte[0])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void aViolationClosesThatSessionWithOneWarningAndTheRoomGoesOn(String what, byte[] bad) throws Exception {
        try (GameClient bystander = new GameClient(server.address());
             GameClient offender = new GameClient(server.address())) {
            int b = bystander.enter("lobby", "bystander").playerId;
            offender.enter("lobby", "offender");
            bystander.expect(S_BroadcastEnter.class);
            String peer = "127.0.0.1:" + offender.raw().socket().getLocalPort();

            offender.raw().write(bad);
            offender.expectClosed();
            bystander.expect(S_BroadcastLeave.class);
            Await.until("the cut is counted",
                    () -> server.stats().cut(DisconnectReason.PROTOCOL_VIOLATION) == 1);

            List<String> lines = warnings.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
            assertEquals(1, lines.size(), what + ": " + lines);
            assertTrue(lines.get(0).contains(peer) && lines.get(0).contains("protocol violation"), lines.get(0));

            bystander.send(new C_Chat("still here"));
            assertEquals(new S_Chat(b, "still here"), bystander.expect(S_Chat.class));
        }
    }

    @Test
    void aSessionWithoutACompleteFrameWithinTheIdleTimeoutIsCut() throws Exception {
        server.close();
        GameServerConfig base = TestServers.config();
        server = TestServers.start(new GameServerConfig(base.host(), 0, 2, 100, 4096, 1000, 1024, 200, 400,
                4L << 20, 300, 0));
        try (GameClient silent = new GameClient(server.address());
             GameClient halfFrame = new GameClient(server.address())) {
            halfFrame.raw().write(new byte[] {12, 0, 10}); // three bytes of a C_Ping: no frame yet
            silent.expectClosed();
            halfFrame.expectClosed();
            Await.until("both idle cuts counted", () -> server.stats().cut(DisconnectReason.IDLE_TIMEOUT) == 2);
        }
    }

    @Test
    void aPeerThatDoesNotReadIsCutAtTheOutboundLimitAndTheSenderIsServed() throws Exception {
        server.close();
        GameServerConfig base = TestServers.config();
        // 1 MiB: room for the bursts one room drain queues for a member that does read.
        server = TestServers.start(new GameServerConfig(base.host(), 0, 2, 100, 4096, 1000, 1024, 0, 400,
                1 << 20, 60_000, 0));
        try (GameClient talker = new GameClient(server.address());
             GameClient deaf = new GameClient(server.address())) {
            deaf.raw().socket().setReceiveBufferSize(4096);
            talker.enter("lobby", "talker");
            deaf.enter("lobby", "deaf");
            Reader reader = new Reader(talker);
            reader.start();
            String chat = "x".repeat(1000);
            for (int i = 0; i < 100_000 && server.stats().cut(DisconnectReason.OUTBOUND_LIMIT) == 0
                    && reader.failure.get() == null; i++) {
                talker.send(new C_Chat(chat));
            }
            Await.until("the deaf session is cut", () -> server.stats().cut(DisconnectReason.OUTBOUND_LIMIT) == 1,
                    reader::state);
            talker.send(new C_Ping(1));
            Await.until("the talker, still served, gets its S_Pong", () -> reader.pong || reader.failure.get() != null,
                    reader::state);
            assertNull(reader.failure.get(), reader::state);
            assertTrue(warnings.list.stream().anyMatch(e -> e.getFormattedMessage().contains("outbound limit exceeded")
                    && e.getFormattedMessage().contains(":" + deaf.raw().socket().getLocalPort())),
                    "the deaf peer is named in the warning");
            assertEquals(0, server.stats().cut(DisconnectReason.PROTOCOL_VIOLATION));
            assertEquals(1, server.sessionCount(), "the talker's session is open");
        }
    }

    /**
     * Reads the talker's side while the test writes: every frame must be a chat of the room (the
     * talker's own echoes), the deaf peer's S_BroadcastEnter or S_BroadcastLeave, or the S_Pong(1) the
     * test waits for.
     * A read that fails before the test ends is a failure of the test.
     */
    private static final class Reader extends Thread {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final GameClient client;
        private volatile int chats;
        private volatile boolean pong;

        Reader(GameClient client) {
            super("talker-reader");
            setDaemon(true);
            this.client = client;
        }

        @Override
        public void run() {
            try {
                for (;;) {
                    Packet p = client.next();
                    if (p instanceof S_Chat) {
                        chats++;
                    } else if (p instanceof S_Pong pongPacket && pongPacket.time == 1) {
                        pong = true;
                        return;
                    } else if (!(p instanceof S_BroadcastEnter || p instanceof S_BroadcastLeave)) {
                        throw new AssertionError("the talker got " + p);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        String state() {
            return "talker got " + chats + " chats, pong=" + pong + ", reader failure=" + failure.get();
        }
    }

    @Test
    void anOffenderDoesNotDelayAPingOfAnotherSession() throws Exception {
        try (GameClient good = new GameClient(server.address());
             GameClient bad = new GameClient(server.address())) {
            bad.raw().write(Frames.frame(99, new byte[0]));
            good.send(new C_Ping(7));
            assertEquals(7, good.expect(S_Pong.class).time);
            bad.expectClosed();
        }
    }
}
