package io.servercore.benchmarks.netty;

import io.servercore.cli.Flag;
import io.servercore.cli.Flags;
import io.servercore.cli.Range;
import java.util.List;

/**
 * What each flag of {@link NettyMain} allows: the one table that {@link NettyOptions} and
 * {@link NettyChatServer.Config} check against and {@code --help} repeats. The flags both
 * servers have allow what gameserver's allow, so that the two differ only where a flag says so.
 * A bad value is answered {@code nettyserver: invalid <flag> <value>: allowed <what> (see --help)},
 * as by every jar of this repository, with exit status {@link Flags#USAGE}.
 *
 * <p>Stateless; the constants are immutable.
 */
final class NettyFlags {
    static final Flag HOST = new Flag("--host", "a host name or address");
    static final Range PORT = Range.of("--port", 1, 65535).orZero("any free port");
    static final Range THREADS = Range.of("--threads", 1, 1024).orZero("one per core");
    static final Flag VARIANT = new Flag("--variant", NettyChatServer.Variant.allowed());
    static final Flag TRANSPORT = new Flag("--transport", NettyChatServer.Transport.allowed());
    static final Range MAX_FRAME = Range.of("--max-frame", 4, 65535);
    static final Range ROOM_CAPACITY = Range.of("--room-capacity", 1, 1_000_000);
    /** The longest chat whose S_Chat (header, player id, string length, text) still fits a frame. */
    static final Range CHAT_LIMIT = Range.of("--chat-limit", 1, 65535 - 4 - 4 - 2);
    static final Range PACKET_RATE = Range.of("--packet-rate", 1, 1_000_000).orZero("off");
    /** 0 is allowed too when the rate is off, since the burst is then never used. */
    static final Range PACKET_BURST = Range.of("--packet-burst", 1, 10_000_000);
    /** Netty's write-buffer water marks are ints. */
    static final Range OUTBOUND_LIMIT = Range.of("--outbound-limit", 65_536, Integer.MAX_VALUE);
    /** Whole seconds: Netty's IdleStateHandler is given them as they are. */
    static final Range IDLE_TIMEOUT = Range.of("--idle-timeout", 1, 86_400).orZero("never");

    static final Flags ALL = Flags.of(List.of(HOST, PORT.asFlag(), THREADS.asFlag(), VARIANT, TRANSPORT,
            MAX_FRAME.asFlag(), ROOM_CAPACITY.asFlag(), CHAT_LIMIT.asFlag(), PACKET_RATE.asFlag(),
            PACKET_BURST.asFlag(), OUTBOUND_LIMIT.asFlag(), IDLE_TIMEOUT.asFlag()));

    private NettyFlags() {
    }
}
