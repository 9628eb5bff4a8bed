package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_Error;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graceful shutdown: every client gets S_Error(5), then the close; SIGTERM exits 0. */
@Timeout(60)
class ShutdownTest {

    @Test
    void everySessionIsToldShuttingDownThenClosed() throws Exception {
        GameServer server = TestServers.start();
        try (GameClient alice = new GameClient(server.address());
             GameClient bob = new GameClient(server.address());
             GameClient idle = new GameClient(server.address())) {
            alice.enter("lobby", "alice");
            bob.enter("lobby", "bob");
            alice.expect(S_BroadcastEnter.class);
            idle.send(new io.servercore.gameserver.protocol.C_Ping(1));
            idle.expect(io.servercore.gameserver.protocol.S_Pong.class);

            Thread stopper = new Thread(() -> server.shutdown(Duration.ofSeconds(5)), "stopper");
            stopper.start();
            for (GameClient c : List.of(alice, bob, idle)) {
                S_Error notice = nextError(c);
                assertEquals(ErrorCode.SHUTTING_DOWN.code, notice.code);
                c.expectClosed();
            }
            stopper.join(10_000);
            assertTrue(!stopper.isAlive(), "shutdown returned");
        } finally {
            server.close();
        }
    }

    /** Skips room traffic that was already on its way (a leave broadcast) until the S_Error. */
    private static S_Error nextError(GameClient c) throws Exception {
        for (;;) {
            io.servercore.packet.Packet p = c.next();
            if (p instanceof S_Error) {
                return (S_Error) p;
            }
        }
    }

    @Test
    void sigtermStopsTheServerGracefullyAndExitsZero() throws Exception {
        try (ChildServer child = ChildServer.start("--stats-interval", "0")) {
            try (GameClient client = new GameClient(new InetSocketAddress("127.0.0.1", child.port()))) {
                client.enter("lobby", "alice");
                client.send(new C_Chat("bye"));
                client.expect(io.servercore.gameserver.protocol.S_Chat.class);
                child.process().destroy(); // SIGTERM
                assertEquals(ErrorCode.SHUTTING_DOWN.code, nextError(client).code);
                client.expectClosed();
            }
            assertTrue(child.process().waitFor(10, TimeUnit.SECONDS), "the server exited within 10 s: " + child.lines());
            assertEquals(0, child.process().exitValue(), child.lines().toString());
        }
    }

    @Test
    void aBadFlagStopsStartUpWithOneLineNamingIt() {
        java.io.StringWriter err = new java.io.StringWriter();
        int status = GameServerMain.run(new String[] {"--room-capacity", "0"}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err, true));
        assertEquals(2, status);
        assertEquals("gameserver: invalid --room-capacity 0: allowed 1..1000000 (see --help)", err.toString().trim());

        err.getBuffer().setLength(0);
        status = GameServerMain.run(new String[] {"--port", "seven"}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err, true));
        assertEquals(2, status);
        assertEquals(1, err.toString().trim().lines().count(), err.toString());
        assertTrue(err.toString().contains("--port") && err.toString().contains("seven"), err.toString());
    }

    @Test
    void helpListsEveryFlag() {
        java.io.StringWriter out = new java.io.StringWriter();
        int status = GameServerMain.run(new String[] {"--help"}, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(0, status);
        for (String flag : List.of("--host", "--port", "--threads", "--max-sessions", "--max-frame", "--room-capacity",
                "--chat-limit", "--packet-rate", "--packet-burst", "--outbound-limit", "--idle-timeout")) {
            assertTrue(out.toString().contains(flag), flag + " missing from --help");
        }
    }
}
