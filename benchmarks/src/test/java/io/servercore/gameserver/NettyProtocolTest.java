package io.servercore.gameserver;

import io.servercore.benchmarks.netty.NettyChatServer;
import java.net.InetSocketAddress;

/**
 * The protocol contract against the Netty reference server: the end-to-end comparison is
 * fair only if both servers pass the same behaviour tests. (In gameserver's package to reuse
 * its package-private test client.)
 */
class NettyProtocolTest extends ProtocolContract {
    @Override
    protected ServerUnderTest start(GameServerConfig c) throws Exception {
        NettyChatServer server = NettyChatServer.start(new NettyChatServer.Config("127.0.0.1", 0, 2,
                c.maxFrameSize(), c.roomCapacity(), c.chatLimit(), c.packetRate(), c.packetBurst(),
                (int) c.outboundLimit(), (int) Math.max(1, c.idleTimeoutMillis() / 1000)));
        return new ServerUnderTest() {
            @Override
            public InetSocketAddress address() {
                return new InetSocketAddress("127.0.0.1", server.address().getPort());
            }

            @Override
            public int roomCount() {
                return server.roomCount();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
