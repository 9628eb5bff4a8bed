package io.servercore.gameserver;

import java.net.InetSocketAddress;

/** The protocol contract against gameserver. */
class GameServerProtocolTest extends ProtocolContract {
    @Override
    protected ServerUnderTest start(GameServerConfig config) throws Exception {
        GameServer server = TestServers.start(config);
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
