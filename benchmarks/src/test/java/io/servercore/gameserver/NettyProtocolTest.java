package io.servercore.gameserver;

import io.servercore.benchmarks.netty.NettyChatServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Nested;

/**
 * The protocol contract against the Netty reference server, in each variant the end-to-end
 * comparison runs: the comparison is fair only if every server passes the same behaviour
 * tests. The consolidated variant runs as the comparison runs it, on one event loop (rooms
 * and channels on the same thread), and again on two, where rooms flush members of another
 * loop. (In gameserver's package to reuse its package-private test client.)
 */
class NettyProtocolTest {
    @Nested
    class ConsolidatedOnOneLoop extends ProtocolContract {
        @Override
        protected ServerUnderTest start(GameServerConfig c) throws Exception {
            return NettyProtocolTest.start(c, NettyChatServer.Variant.CONSOLIDATED, 1);
        }
    }

    @Nested
    class ConsolidatedOnTwoLoops extends ProtocolContract {
        @Override
        protected ServerUnderTest start(GameServerConfig c) throws Exception {
            return NettyProtocolTest.start(c, NettyChatServer.Variant.CONSOLIDATED, 2);
        }
    }

    @Nested
    class PlainOnTwoLoops extends ProtocolContract {
        @Override
        protected ServerUnderTest start(GameServerConfig c) throws Exception {
            return NettyProtocolTest.start(c, NettyChatServer.Variant.PLAIN, 2);
        }
    }

    static ProtocolContract.ServerUnderTest start(GameServerConfig c, NettyChatServer.Variant variant, int threads)
            throws Exception {
        NettyChatServer server = NettyChatServer.start(new NettyChatServer.Config("127.0.0.1", 0, threads,
                NettyChatServer.Transport.NIO, variant, c.maxFrameSize(), c.roomCapacity(), c.chatLimit(),
                c.packetRate(), c.packetBurst(), (int) c.outboundLimit(), (int) Math.max(1, c.idleTimeoutMillis() / 1000)));
        return new ProtocolContract.ServerUnderTest() {
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
