package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.servercore.gameserver.protocol.C_Chat;
import io.servercore.gameserver.protocol.C_EnterRoom;
import io.servercore.gameserver.protocol.S_Chat;
import io.servercore.net.DisconnectReason;
import io.servercore.packet.Packet;
import io.servercore.testing.Await;
import io.servercore.testing.Frames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One run with every kind of hostile client, interleaved with well-behaved members that chat
 * throughout: every hostile session is closed, every good one receives every chat, in order,
 * and the server logs no error.
 */
@Timeout(60)
class HostileClientTest {
    private static final int GOOD = 5;

    /** What a hostile client writes after entering the room; each must get it closed. */
    static List<byte[]> attacks(Random random) {
        List<byte[]> attacks = new ArrayList<>();
        for (int size = 0; size < 4; size++) {
            attacks.add(Frames.header(size, C_Chat.ID, new byte[6]));
        }
        attacks.add(Frames.header(4097, C_Chat.ID, new byte[64]));
        attacks.add(Frames.header(65535, C_Chat.ID, new byte[64]));
        attacks.add(Frames.frame(0, new byte[0]));
        attacks.add(Frames.frame(13, new byte[0]));
        attacks.add(Frames.frame(65535, new byte[8]));
        attacks.add(Frames.frame(7, new byte[] {1, 0, 0, 0, 2, 0, 'h', 'i'}));           // S_Chat from a client
        attacks.add(Frames.frame(2, new byte[0]));                                        // S_EnterRoom from a client
        attacks.add(Frames.frame(C_Chat.ID, new byte[] {9, 0, 'a', 'b'}));               // string past the frame
        attacks.add(Frames.frame(8, new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0}));         // C_Move one float short
        attacks.add(Frames.frame(10, new byte[] {1, 2, 3, 4}));                           // C_Ping long truncated
        attacks.add(Frames.frame(C_Chat.ID, new byte[] {1, 0, 'a', 'z'}));               // trailing byte
        attacks.add(Frames.frame(4, new byte[] {0}));                                     // C_LeaveRoom with a payload
        attacks.add(Frames.frame(C_Chat.ID, new byte[] {2, 0, (byte) 0xC3, 0x28}));      // invalid UTF-8
        attacks.add(Frames.frame(C_Chat.ID, new byte[] {3, 0, (byte) 0xED, (byte) 0xA0, (byte) 0x80})); // surrogate
        attacks.add(Frames.frame(1, new byte[] {1, 0, 'r', 1, 0, (byte) 0xFF}));          // bad UTF-8 in a name
        for (int i = 0; i < 8; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            // Whatever the noise starts, zeros end it: they fill any partial frame, then read as size 0.
            attacks.add(Frames.concat(noise, new byte[8192]));
        }
        return attacks;
    }

    @Test
    void hostileSessionsAreAllClosedWhileGoodOnesGetEveryChatInOrder() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        GameServerConfig base = TestServers.config();
        GameServerConfig config = new GameServerConfig(base.host(), 0, 2, 1000, 4096, 1000, 1024, 0, 400,
                4L << 20, 60_000, 0);
        try (LogCapture log = new LogCapture(); GameServer server = TestServers.start(config)) {
            List<GameClient> good = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < GOOD; i++) {
                GameClient c = new GameClient(server.address());
                good.add(c);
                ids.add(c.enter("arena", "good" + i).playerId);
            }
            // Per receiver, per sender: the next chat number expected.
            List<Map<Integer, Integer>> expected = new ArrayList<>();
            for (int i = 0; i < GOOD; i++) {
                expected.add(new HashMap<>());
            }
            List<byte[]> attacks = attacks(random);
            for (int round = 0; round < attacks.size(); round++) {
                for (GameClient c : good) {
                    c.send(new C_Chat("chat " + round));
                }
                try (GameClient hostile = new GameClient(server.address())) {
                    hostile.send(new C_EnterRoom("arena", "hostile" + round));
                    hostile.raw().write(attacks.get(round));
                    hostile.raw().readUntilClosed(); // fails unless the server closes it
                }
                for (int r = 0; r < GOOD; r++) {
                    readChatsOfRound(good.get(r), ids, expected.get(r), round, seed);
                }
            }
            int hostiles = attacks.size();
            Await.until("every hostile session is counted as a violation",
                    () -> server.stats().cut(DisconnectReason.PROTOCOL_VIOLATION) == hostiles,
                    () -> server.stats().cut(DisconnectReason.PROTOCOL_VIOLATION) + " of " + hostiles + ", seed " + seed);
            assertEquals(List.of(), log.lines(Level.ERROR), "no error logged; seed " + seed);
            assertEquals(hostiles, log.lines(Level.WARN).stream().filter(l -> l.contains("protocol violation")).count(),
                    "one WARN line per hostile session");
            for (GameClient c : good) {
                c.close();
            }
        }
    }

    /** Reads until this receiver has chat {@code round} from every good sender, checking order. */
    private static void readChatsOfRound(GameClient receiver, List<Integer> senders, Map<Integer, Integer> next,
                                         int round, long seed) throws Exception {
        int missing = senders.size();
        while (missing > 0) {
            Packet p = receiver.next();
            if (p instanceof S_Chat) {
                S_Chat chat = (S_Chat) p;
                assertTrue(senders.contains(chat.playerId), "a chat from a hostile session got through: " + chat);
                int n = Integer.parseInt(chat.chat.substring("chat ".length()));
                assertEquals(next.getOrDefault(chat.playerId, 0), n, "order from player " + chat.playerId
                        + "; seed " + seed);
                next.put(chat.playerId, n + 1);
                if (n == round) {
                    missing--;
                }
            }
        }
    }
}
