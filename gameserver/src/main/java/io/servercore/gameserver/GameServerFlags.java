package io.servercore.gameserver;

import io.servercore.cli.Flag;
import io.servercore.cli.Flags;
import io.servercore.cli.Range;
import io.servercore.gameserver.cluster.ClusterConfig;
import io.servercore.net.Transport;
import io.servercore.packet.PacketHeader;
import java.util.List;

/**
 * What each flag of {@code java -jar gameserver.jar} allows: the one table that
 * {@link GameServerOptions} checks the command line against, {@link GameServerConfig} checks its
 * values against, and {@code --help} says in the same words (a test holds it to that). A bad
 * value is answered {@code gameserver: invalid <flag> <value>: allowed <what> (see --help)}.
 *
 * <p>0 means "one per core" for {@code --threads}, as in every jar of this repository.
 *
 * <p>Stateless; the constants are immutable.
 */
final class GameServerFlags {
    static final Flag HOST = new Flag("--host", "a host name or address");
    static final Range PORT = Range.of("--port", 1, 65535).orZero("any free port");
    static final Range THREADS = Range.of("--threads", 1, 1024).orZero("one per core");
    static final Flag TRANSPORT = new Flag("--transport", Transport.allowed());
    static final Range MAX_SESSIONS = Range.of("--max-sessions", 1, Integer.MAX_VALUE);
    static final Range MAX_FRAME = Range.of("--max-frame", PacketHeader.HEADER_LENGTH, PacketHeader.MAX_FRAME_SIZE);
    static final Range ROOM_CAPACITY = Range.of("--room-capacity", 1, 1_000_000);
    /** The longest chat whose S_Chat (header, player id, string length, text) still fits a frame. */
    static final Range CHAT_LIMIT = Range.of("--chat-limit", 1, PacketHeader.MAX_FRAME_SIZE - 4 - 4 - 2);
    static final Range PACKET_RATE = Range.of("--packet-rate", 1, 1_000_000).orZero("off");
    /** 0 is allowed too when the rate is off, since the burst is then never used. */
    static final Range PACKET_BURST = Range.of("--packet-burst", 1, 10_000_000);
    static final Range OUTBOUND_LIMIT = Range.of("--outbound-limit", 65_536, 1L << 40);
    /** Seconds; whole milliseconds in the config. */
    static final Range IDLE_TIMEOUT = Range.of("--idle-timeout", 0.001, 86_400).orZero("never");
    static final Range BROADCAST_TICK = Range.of("--broadcast-tick", 1, 1_000).orZero("off");
    /** Seconds; whole milliseconds in the config. */
    static final Range STATS_INTERVAL = Range.of("--stats-interval", 0.001, 86_400).orZero("none");
    static final Range METRICS_PORT = Range.of("--metrics-port", 1, 65535).orZero("off");
    static final Flag METRICS_HOST = new Flag("--metrics-host", "a host name or address");

    static final Flags ALL = Flags.of(List.of(HOST, PORT.asFlag(), THREADS.asFlag(), TRANSPORT,
            MAX_SESSIONS.asFlag(), MAX_FRAME.asFlag(), ROOM_CAPACITY.asFlag(), CHAT_LIMIT.asFlag(),
            PACKET_RATE.asFlag(), PACKET_BURST.asFlag(), OUTBOUND_LIMIT.asFlag(), IDLE_TIMEOUT.asFlag(),
            BROADCAST_TICK.asFlag(), STATS_INTERVAL.asFlag(), METRICS_PORT.asFlag(), METRICS_HOST,
            ClusterConfig.CLUSTER, ClusterConfig.NODE_NAME));

    private GameServerFlags() {
    }
}
