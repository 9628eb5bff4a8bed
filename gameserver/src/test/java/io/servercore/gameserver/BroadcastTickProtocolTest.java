package io.servercore.gameserver;

import java.net.InetSocketAddress;

/**
 * The protocol contract against gameserver with {@code --broadcast-tick}: rooms that gather their
 * broadcasts for 5 ms keep every rule of the protocol, the order of each sender, the joiner's
 * first broadcast and the member lists included.
 */
class BroadcastTickProtocolTest extends ProtocolContract {
    @Override
    protected ServerUnderTest start(GameServerConfig config) throws Exception {
        GameServer server = TestServers.start(config.withBroadcastTick(5));
        return new ServerUnderTest() {
            @Override
            public InetSocketAddress address() {
                return server.address();
            }

            @Override
            public int roomCount() {
                return server.rooms().count();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
