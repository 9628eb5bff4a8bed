package io.servercore.benchmarks.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The reference server: PROTOCOL.md on Netty 4.1, written as a competent Netty user writes it,
 * so that the comparison with gameserver is fair. Native epoll transport where available,
 * {@link LengthFieldBasedFrameDecoder} for framing, an {@link IdleStateHandler} behind it (so
 * only whole frames count as activity), the write-buffer high water mark as the outbound limit,
 * rooms on event executors holding a {@code ChannelGroup}, broadcasts encoded once.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread.
 */
public final class NettyChatServer implements AutoCloseable {
    final int roomCapacity;
    final int chatLimit;
    final int packetRate;
    final int packetBurst;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final ConcurrentHashMap<String, NettyRoom> rooms = new ConcurrentHashMap<>();

    /** Settings with PROTOCOL.md's defaults; the flags of {@link NettyMain} fill them. */
    public record Config(String host, int port, int threads, int maxFrameSize, int roomCapacity, int chatLimit,
                         int packetRate, int packetBurst, int outboundLimit, int idleTimeoutSeconds) {
        public static Config defaults(int port, int threads) {
            return new Config("0.0.0.0", port, threads, 4096, 1000, 1024, 200, 400, 4 << 20, 60);
        }
    }

    private NettyChatServer(Config config) throws InterruptedException {
        this.roomCapacity = config.roomCapacity();
        this.chatLimit = config.chatLimit();
        this.packetRate = config.packetRate();
        this.packetBurst = config.packetBurst();
        boolean epoll = Epoll.isAvailable();
        boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        workers = epoll ? new EpollEventLoopGroup(config.threads()) : new NioEventLoopGroup(config.threads());
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        NettyChatServer self = this;
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers).channel(channel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.outboundLimit() / 2, config.outboundLimit()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, config.maxFrameSize(),
                                        0, 2, -2, 0, true),
                                new IdleStateHandler(config.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS),
                                new NettyChatHandler(self));
                    }
                });
        listener = bootstrap.bind(config.host(), config.port()).sync().channel();
    }

    public static NettyChatServer start(Config config) throws InterruptedException {
        return new NettyChatServer(config);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Rooms that currently exist. */
    public int roomCount() {
        return rooms.size();
    }

    /** Enters {@code ch} into the room, made if needed; returns the room the channel now routes to. */
    NettyRoom enter(Channel ch, String name, int playerId, String playerName) {
        NettyRoom room = rooms.computeIfAbsent(name, n -> new NettyRoom(n, workers.next(), this, ch.alloc()));
        room.executor.execute(() -> {
            if (rooms.get(name) != room) {
                enter(ch, name, playerId, playerName); // retired under us: go to its successor
                return;
            }
            if (!room.enter(ch, playerId, playerName)) {
                ch.writeAndFlush(NettyCodec.error(ch.alloc(), 4, "room '" + name + "' is full"));
                if (room.isEmpty()) {
                    retire(room);
                }
            }
        });
        return room;
    }

    void retire(NettyRoom room) {
        rooms.remove(room.name, room);
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
