package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.gameserver.GameServer;
import io.servercore.gameserver.GameServerConfig;
import io.servercore.gameserver.NatsServer;
import io.servercore.gameserver.cluster.ClusterConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The swarm spread over the two nodes of a cluster (in-process, through a real nats-server):
 * every room has members on both, and the swarm's order and delivery checks hold across them.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.servercore.gameserver.NatsServerCondition.class)
class ClusterSwarmTest {

    @Test
    @Timeout(60)
    void aSwarmSpreadOverTwoNodesDeliversExactlyWhatTheRoomSizesPredictInOrder() throws Exception {
        try (NatsServer nats = NatsServer.start("swarm");
             GameServer a = node(nats, "a"); GameServer b = node(nats, "b")) {
            SwarmConfig config = DummyClientMain.parse("--targets", "127.0.0.1:" + a.address().getPort()
                            + ",127.0.0.1:" + b.address().getPort(), "--clients", "200", "--rooms", "4",
                    "--connect-rate", "2000", "--chat-rate", "5", "--move-rate", "2", "--ping-interval", "0.5",
                    "--duration", "2", "--threads", "2");
            java.util.concurrent.CompletableFuture<Runs.Run> running =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return Runs.run(config);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            io.servercore.testing.Await.until("half the players on each node",
                    () -> a.sessionCount() == 100 && b.sessionCount() == 100,
                    () -> a.sessionCount() + " on a, " + b.sessionCount() + " on b");
            Runs.Run run = running.get(45, java.util.concurrent.TimeUnit.SECONDS);

            run.assertOk();
            run.assertCount(200, Counter.READY);
            long chats = run.count(Counter.CHATS_SENT);
            assertTrue(chats > 0, run.explain());
            // Each room of 50 has 25 members on each node: every chat reaches all 50.
            run.assertCount(chats, Counter.CHATS_ECHOED);
            run.assertCount(chats * 50, Counter.CHAT_DELIVERIES);
            run.assertCount(chats * 50, Counter.CHAT_PREDICTED);
            run.assertCount(run.count(Counter.MOVES_SENT) * 50, Counter.MOVE_DELIVERIES);
            run.assertCount(0, Counter.ORDER_VIOLATIONS);
            run.assertCount(0, Counter.ORDER_GAPS);
            run.assertCount(0, Counter.SERVER_ERRORS);
        }
    }

    private static GameServer node(NatsServer nats, String name) throws Exception {
        GameServerConfig config = new GameServerConfig("127.0.0.1", 0, 2, 10_000, 4096, 1000, 1024, 0, 0, 4L << 20,
                60_000, 0);
        return GameServer.start(config, new ClusterConfig(nats.url(), name, config.roomCapacity()));
    }
}
