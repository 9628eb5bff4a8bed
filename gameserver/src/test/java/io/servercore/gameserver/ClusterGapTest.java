package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.servercore.gameserver.cluster.ClusterConfig;
import io.servercore.gameserver.protocol.S_BroadcastEnter;
import io.servercore.gameserver.protocol.S_BroadcastLeave;
import io.servercore.gameserver.protocol.S_BroadcastMove;
import io.servercore.gameserver.protocol.S_Chat;
import io.nats.client.Message;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gap in another node's stream: a node that sees FRAME 3 after FRAME 1 drops it, asks that
 * node for its snapshot (SYNC with it as the target), and once the snapshot is there sends its
 * members the difference and takes the stream up again. The other node is played by hand on a
 * raw NATS connection, its bytes written out here from the wire layout (Envelope's diagram and
 * docs/protocol.md), not by the code under test.
 */
@ExtendWith(NatsServerCondition.class)
@Timeout(60)
class ClusterGapTest {
    private static final long FAKE = 0x0123_4567_89AB_CDEFL;
    private static final int GHOST = 999_999;

    @Test
    void aGapInAnotherNodesStreamIsRepairedFromItsSnapshot() throws Exception {
        try (NatsServer nats = NatsServer.start("gap");
             GameServer node = GameServer.start(TestServers.config(),
                     new ClusterConfig(nats.url(), "real", 1000));
             GameClient alice = new GameClient(node.address())) {
            Connection fake = Nats.connect(nats.url());
            try {
                String subject = "gs.r." + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString("gap".getBytes(StandardCharsets.UTF_8));
                Subscription heard = fake.subscribe(subject);
                fake.flush(Duration.ofSeconds(5));
                alice.enter("gap", "alice");

                fake.publish(subject, frame(1, enter(GHOST, "ghost")));
                assertEquals(new S_BroadcastEnter(GHOST, "ghost", 0f, 0f, 0f), alice.expect(S_BroadcastEnter.class));

                fake.publish(subject, frame(3, chat(GHOST, "after a gap"))); // FRAME 2 never came
                awaitSyncFor(heard, FAKE);

                fake.publish(subject, snapshot(3, GHOST, "ghost", 5f, 6f, 7f));
                fake.publish(subject, frame(4, chat(GHOST, "in order again")));
                assertEquals(new S_BroadcastMove(GHOST, 5f, 6f, 7f), alice.expect(S_BroadcastMove.class),
                        "the snapshot's difference, and not the chat that came after the gap");
                assertEquals(new S_Chat(GHOST, "in order again"), alice.expect(S_Chat.class));

                fake.publish(subject, frame(6, chat(GHOST, "another gap")));
                awaitSyncFor(heard, FAKE);
                fake.publish(subject, snapshot(0, 0, null, 0f, 0f, 0f)); // its member left meanwhile
                assertEquals(GHOST, alice.expect(S_BroadcastLeave.class).playerId);
            } finally {
                fake.close();
            }
        }
    }

    /** Waits for the node's SYNC that names {@code target}, skipping what else is said on the subject. */
    private static void awaitSyncFor(Subscription heard, long target) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Message m = heard.nextMessage(Duration.ofMillis(200));
            if (m == null) {
                continue;
            }
            ByteBuffer in = ByteBuffer.wrap(m.getData()).order(ByteOrder.LITTLE_ENDIAN);
            if (in.get(0) == 2 && in.getLong(9) == target) {
                return;
            }
        }
        throw new AssertionError("the node never asked node " + Long.toHexString(target) + " for its snapshot");
    }

    /** kind 1, node id, seq, then the frame. */
    private static byte[] frame(long seq, byte[] frame) {
        return ByteBuffer.allocate(17 + frame.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 1).putLong(FAKE).putLong(seq).put(frame).array();
    }

    /** kind 3, node id, seq, last part, count, members (none when name is null). */
    private static byte[] snapshot(long seq, int id, String name, float x, float y, float z) {
        byte[] utf8 = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(20 + (name == null ? 0 : 4 + 2 + utf8.length + 12))
                .order(ByteOrder.LITTLE_ENDIAN).put((byte) 3).putLong(FAKE).putLong(seq).put((byte) 1)
                .putShort((short) (name == null ? 0 : 1));
        if (name != null) {
            out.putInt(id).putShort((short) utf8.length).put(utf8).putFloat(x).putFloat(y).putFloat(z);
        }
        return out.array();
    }

    /** S_BroadcastEnter (id 3): playerId, name, x, y, z. */
    private static byte[] enter(int id, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        int size = 4 + 4 + 2 + utf8.length + 12;
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).putShort((short) size).putShort((short) 3)
                .putInt(id).putShort((short) utf8.length).put(utf8).putFloat(0f).putFloat(0f).putFloat(0f).array();
    }

    /** S_Chat (id 7): playerId, chat. */
    private static byte[] chat(int id, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int size = 4 + 4 + 2 + utf8.length;
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).putShort((short) size).putShort((short) 7)
                .putInt(id).putShort((short) utf8.length).put(utf8).array();
    }
}
