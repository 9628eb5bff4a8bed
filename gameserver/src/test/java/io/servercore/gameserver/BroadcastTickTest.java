package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_LeaveRoom;
import io.servercore.gameserver.protocol.C_Ping;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.gameserver.protocol.S_Pong;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --broadcast-tick}: a room gathers its broadcasts and sends each member one batch per
 * tick, and still tells a joiner nothing from before its list and a leaver everything from
 * before its leave. The tick here is long (300 ms) so that what it gathers is plain to see.
 */
@Timeout(30)
class BroadcastTickTest {
    private GameServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.config().withBroadcastTick(300));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private GameClient client() throws Exception {
        return new GameClient(server.address());
    }

    @Test
    void broadcastsMadeInSeparateReadsReachAMemberInOneWrite() throws Exception {
        // A tick long enough that five round trips fit in it on the busiest machine.
        try (GameServer slow = TestServers.start(TestServers.config().withBroadcastTick(1_000));
             GameClient alice = new GameClient(slow.address()); GameClient bob = new GameClient(slow.address())) {
            int a = alice.enter("lobby", "alice").playerId;
            bob.enter("lobby", "bob");
            alice.expect(S_BroadcastEnter.class);
            for (int i = 0; i < 5; i++) {
                alice.send(new C_Chat("chat " + i));
                alice.send(new C_Ping(i));
                // Answered from the chat's own receive: each chat is broadcast in a read of its own.
                assertEquals(i, alice.expect(S_Pong.class).time);
            }
            // Without the tick each chat would leave in a write of its own; with it, bob's first read
            // after the tick holds all five.
            int frameBytes = GameClient.bytes(new S_Chat(a, "chat 0")).length;
            InputStream in = bob.raw().socket().getInputStream();
            byte[] buffer = new byte[64 * 1024];
            int n = in.read(buffer);
            assertEquals(5 * frameBytes, n, "bytes in bob's first read, frames of " + frameBytes);
        }
    }

    @Test
    void aJoinerGetsNothingGatheredBeforeItsList() throws Exception {
        try (GameClient alice = client(); GameClient carol = client()) {
            int a = alice.enter("lobby", "alice").playerId;
            alice.send(new C_Chat("before carol"));
            // The pong follows the chat's receive, and the idle room ran the chat's job in it.
            alice.send(new C_Ping(1));
            assertEquals(1, alice.expect(S_Pong.class).time);
            carol.enter("lobby", "carol");
            alice.send(new C_Chat("after carol"));
            assertEquals(new S_Chat(a, "before carol"), alice.expect(S_Chat.class));
            alice.expect(S_BroadcastEnter.class);
            assertEquals(new S_Chat(a, "after carol"), alice.expect(S_Chat.class));
            assertEquals(new S_Chat(a, "after carol"), carol.expect(S_Chat.class),
                    "carol's first broadcast is the first made after her list");
        }
    }

    @Test
    void aLeaverGetsEverythingGatheredBeforeItsLeaveAndNothingAfter() throws Exception {
        try (GameClient alice = client(); GameClient bob = client()) {
            int a = alice.enter("lobby", "alice").playerId;
            int b = bob.enter("lobby", "bob").playerId;
            alice.expect(S_BroadcastEnter.class);
            for (int i = 0; i < 3; i++) {
                alice.send(new C_Chat("chat " + i));
            }
            alice.send(new C_Ping(1));
            assertEquals(1, alice.expect(S_Pong.class).time, "the chats' jobs ran before the pong");
            bob.send(new C_LeaveRoom());
            bob.send(new C_Ping(7));
            // The leave sends bob what the tick had gathered for him, then he is out.
            for (int i = 0; i < 3; i++) {
                assertEquals(new S_Chat(a, "chat " + i), bob.expect(S_Chat.class));
            }
            assertEquals(7, bob.expect(S_Pong.class).time);
            for (int i = 0; i < 3; i++) {
                assertEquals(new S_Chat(a, "chat " + i), alice.expect(S_Chat.class));
            }
            alice.send(new C_Chat("after bob"));
            assertEquals(b, alice.expect(S_BroadcastLeave.class).playerId);
            assertEquals(new S_Chat(a, "after bob"), alice.expect(S_Chat.class));
            bob.send(new C_Ping(8));
            assertEquals(8, bob.expect(S_Pong.class).time, "nothing from the room after the leave");
        }
    }
}
