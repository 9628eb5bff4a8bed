package io.servercore.benchmarks.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
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
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The reference server: the protocol of docs/protocol.md on Netty 4.1, written as a competent Netty user writes it,
 * so that the comparison with gameserver is fair. One event loop group serves the listener,
 * the channels and the rooms (with {@code --threads 1} the whole server runs on one thread);
 * {@link LengthFieldBasedFrameDecoder} cuts frames, an {@link IdleStateHandler} behind it (so
 * only whole frames count as activity), the write-buffer high water mark is the outbound limit,
 * rooms live on event loops of the group and hold a {@code ChannelGroup}, broadcasts are
 * encoded once.
 *
 * <p>{@link Variant#CONSOLIDATED} puts a {@link FlushConsolidationHandler}{@code (256, true)} at
 * the head of every channel's pipeline: flushes asked for during a read burst go out at its
 * {@code channelReadComplete}, and flushes asked for outside one (the rooms' broadcasts) are
 * gathered into one flush task per channel. {@link Variant#PLAIN} has none: a broadcast
 * flushes every member at once, and answers flush at the end of each read burst.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread.
 */
public final class NettyChatServer implements AutoCloseable {
    /** Flushes pending before {@link FlushConsolidationHandler} flushes anyway: Netty's default. */
    static final int EXPLICIT_FLUSH_AFTER_FLUSHES = 256;

    final int roomCapacity;
    final int chatLimit;
    final int packetRate;
    final int packetBurst;
    final Variant variant;
    private final EventLoopGroup loops;
    private final Channel listener;
    private final ConcurrentHashMap<String, NettyRoom> rooms = new ConcurrentHashMap<>();

    /** Whether flushes are consolidated: the server's two columns in the comparison. */
    public enum Variant {
        CONSOLIDATED,
        PLAIN;

        /** How {@code --variant} names it: {@code consolidated}. */
        public String flag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The allowed names, separated by |, for the error line and the help. */
        static String allowed() {
            return Arrays.stream(values()).map(Variant::flag).collect(Collectors.joining("|"));
        }

        /** @throws IllegalArgumentException naming {@code --variant}, the value and what is allowed */
        static Variant parse(String value) {
            for (Variant v : values()) {
                if (v.flag().equals(value)) {
                    return v;
                }
            }
            throw NettyFlags.VARIANT.invalid(value);
        }
    }

    /** The I/O transport: the JDK's {@code Selector} (the default), or Netty's native epoll. */
    public enum Transport {
        NIO,
        EPOLL;

        /** How {@code --transport} names it: {@code nio}. */
        public String flag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The allowed names, separated by |, for the error line and the help. */
        static String allowed() {
            return Arrays.stream(values()).map(Transport::flag).collect(Collectors.joining("|"));
        }

        /** @throws IllegalArgumentException naming {@code --transport}, the value and what is allowed */
        static Transport parse(String value) {
            for (Transport t : values()) {
                if (t.flag().equals(value)) {
                    return t;
                }
            }
            throw NettyFlags.TRANSPORT.invalid(value);
        }
    }

    /**
     * Settings with the protocol's defaults (docs/protocol.md section 7; see {@link #defaults(int, int)});
     * the flags of {@link NettyMain} fill them. Every value is in its allowed range once an instance
     * exists ({@link NettyFlags}); 0 threads becomes one per core.
     */
    public record Config(String host, int port, int threads, Transport transport, Variant variant, int maxFrameSize,
                         int roomCapacity, int chatLimit, int packetRate, int packetBurst, int outboundLimit,
                         int idleTimeoutSeconds) {
        /** @throws IllegalArgumentException naming the first flag out of range, its value and what is allowed */
        public Config {
            if (host == null || host.isBlank()) {
                throw NettyFlags.HOST.invalid(host);
            }
            NettyFlags.PORT.check(port);
            NettyFlags.THREADS.check(threads);
            if (threads == 0) {
                threads = Runtime.getRuntime().availableProcessors();
            }
            NettyFlags.MAX_FRAME.check(maxFrameSize);
            NettyFlags.ROOM_CAPACITY.check(roomCapacity);
            NettyFlags.CHAT_LIMIT.check(chatLimit);
            NettyFlags.PACKET_RATE.check(packetRate);
            if (packetRate != 0 || packetBurst != 0) {
                NettyFlags.PACKET_BURST.check(packetBurst); // with the rate off the burst is never used: 0 will do
            }
            NettyFlags.OUTBOUND_LIMIT.check(outboundLimit);
            NettyFlags.IDLE_TIMEOUT.check(idleTimeoutSeconds);
            if (transport == null) {
                throw NettyFlags.TRANSPORT.invalid(null);
            }
            if (variant == null) {
                throw NettyFlags.VARIANT.invalid(null);
            }
        }

        /** The protocol's defaults on {@code port} with {@code threads} I/O threads: NIO, consolidated. */
        public static Config defaults(int port, int threads) {
            return new Config("0.0.0.0", port, threads, Transport.NIO, Variant.CONSOLIDATED, 4096, 1000, 1024, 200,
                    400, 4 << 20, 60);
        }

        /** The same settings with another flush variant. */
        public Config withVariant(Variant v) {
            return new Config(host, port, threads, transport, v, maxFrameSize, roomCapacity, chatLimit, packetRate,
                    packetBurst, outboundLimit, idleTimeoutSeconds);
        }
    }

    private NettyChatServer(Config config) throws InterruptedException {
        this.roomCapacity = config.roomCapacity();
        this.chatLimit = config.chatLimit();
        this.packetRate = config.packetRate();
        this.packetBurst = config.packetBurst();
        this.variant = config.variant();
        boolean epoll = config.transport() == Transport.EPOLL;
        if (epoll && !Epoll.isAvailable()) {
            throw NettyFlags.TRANSPORT.allowing(Transport.NIO.flag() + " (epoll is not available here: "
                    + Epoll.unavailabilityCause() + ")").invalid(Transport.EPOLL.flag());
        }
        loops = epoll ? new EpollEventLoopGroup(config.threads()) : new NioEventLoopGroup(config.threads());
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        NettyChatServer self = this;
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops, loops).channel(channel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.outboundLimit() / 2, config.outboundLimit()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (config.variant() == Variant.CONSOLIDATED) {
                            p.addLast(new FlushConsolidationHandler(EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                        }
                        p.addLast(new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, config.maxFrameSize(),
                                0, 2, -2, 0, true));
                        if (config.idleTimeoutSeconds() > 0) {
                            p.addLast(new IdleStateHandler(config.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
                        }
                        p.addLast(new NettyChatHandler(self));
                    }
                });
        try {
            listener = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (Exception e) { // also what sync() rethrows unchecked, such as a BindException
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Binds and serves; returns once listening.
     *
     * @throws IllegalArgumentException for epoll where it is not available
     */
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
        NettyRoom room = rooms.computeIfAbsent(name, n -> new NettyRoom(n, loops.next(), this, ch.alloc()));
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
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
