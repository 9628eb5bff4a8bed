package io.servercore.benchmarks.netty;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@link NettyMain}. Picocli fills the fields; {@link #toConfig()} checks
 * them against {@link NettyFlags}, whose words each description repeats. Defaults are the
 * protocol's (docs/protocol.md section 7) and gameserver's, so that the two servers differ only
 * where a flag says so.
 *
 * <p>Not thread-safe; used once by {@code main}.
 */
@Command(name = "nettyserver", mixinStandardHelpOptions = true, version = "nettyserver 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "The Netty 4.1 reference server of the wire protocol in docs/protocol.md, for the end-to-end "
                + "comparison with gameserver.")
final class NettyOptions {
    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address to listen on, a host name or address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7778",
            description = "Port to listen on, 0 (any free port) or 1..65535 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Event loops, 0 (one per core) or 1..1024 (default: 0, one per core). They serve the "
                    + "listener, the channels and the rooms alike: with 1 the whole server runs on one thread.")
    int threads;

    @Option(names = "--variant", paramLabel = "NAME", defaultValue = "consolidated",
            description = "How flushes are made, consolidated|plain: consolidated puts a "
                    + "FlushConsolidationHandler(256, true) at the head of every channel's pipeline; plain has none, "
                    + "a broadcast flushes each member at once (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--transport", paramLabel = "NAME", defaultValue = "nio",
            description = "The I/O transport, nio|epoll: nio is the JDK's Selector, epoll Netty's native epoll, "
                    + "where available (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--max-frame", paramLabel = "BYTES", defaultValue = "4096",
            description = "Inbound frame limit, header included, 4..65535 (default: ${DEFAULT-VALUE}).")
    int maxFrameSize;

    @Option(names = "--room-capacity", paramLabel = "N", defaultValue = "1000",
            description = "Members a room holds, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int roomCapacity;

    @Option(names = "--chat-limit", paramLabel = "BYTES", defaultValue = "1024",
            description = "Longest chat in UTF-8 bytes, 1..65525 (default: ${DEFAULT-VALUE}).")
    int chatLimit;

    @Option(names = "--packet-rate", paramLabel = "N", defaultValue = "200",
            description = "Packets a second per session, 0 (off) or 1..1000000 (default: ${DEFAULT-VALUE}).")
    int packetRate;

    @Option(names = "--packet-burst", paramLabel = "N", defaultValue = "400",
            description = "Packets a session may send at once above its rate, 1..10000000 (default: ${DEFAULT-VALUE}).")
    int packetBurst;

    @Option(names = "--outbound-limit", paramLabel = "BYTES", defaultValue = "4194304",
            description = "Bytes queued for one channel before it is cut, 65536..2147483647 "
                    + "(default: ${DEFAULT-VALUE}, 4 MiB).")
    int outboundLimit;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Whole seconds without a complete frame before a channel is cut, 0 (never) or 1..86400 "
                    + "(default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    /** @throws IllegalArgumentException naming the flag, its value and what is allowed */
    NettyChatServer.Config toConfig() {
        return new NettyChatServer.Config(host, port, threads, NettyChatServer.Transport.parse(transport),
                NettyChatServer.Variant.parse(variant), maxFrameSize, roomCapacity, chatLimit, packetRate, packetBurst,
                outboundLimit, idleTimeoutSeconds);
    }
}
