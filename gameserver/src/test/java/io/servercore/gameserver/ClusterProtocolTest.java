package io.servercore.gameserver;

import io.servercore.gameserver.cluster.ClusterConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole protocol contract against a cluster of two nodes (in this JVM, through a real
 * nats-server), with each new client connecting to the other node than the one before: every
 * behaviour of docs/protocol.md section 4 holds when a room's members are split across nodes.
 * {@code roomCount} is the first node's.
 */
@org.junit.jupiter.api.extension.ExtendWith(NatsServerCondition.class)
class ClusterProtocolTest extends ProtocolContract {
    private static NatsServer nats;

    @BeforeAll
    static void startNats() throws Exception {
        nats = NatsServer.start("contract");
    }

    @AfterAll
    static void stopNats() {
        nats.close();
    }

    @Override
    protected ServerUnderTest start(GameServerConfig config) throws Exception {
        GameServer first = GameServer.start(config, new ClusterConfig(nats.url(), ClusterConfig.defaultNodeName(),
                config.roomCapacity()));
        GameServer second;
        try {
            second = GameServer.start(config, new ClusterConfig(nats.url(), ClusterConfig.defaultNodeName(),
                    config.roomCapacity()));
        } catch (Exception e) {
            first.close();
            throw e;
        }
        AtomicInteger clients = new AtomicInteger();
        return new ServerUnderTest() {
            @Override
            public InetSocketAddress address() {
                return (clients.getAndIncrement() % 2 == 0 ? first : second).address();
            }

            @Override
            public int roomCount() {
                return first.rooms().count();
            }

            @Override
            public void close() {
                second.close();
                first.close();
            }
        };
    }
}
