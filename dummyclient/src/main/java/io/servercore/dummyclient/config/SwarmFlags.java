package io.servercore.dummyclient.config;

import io.servercore.cli.Flag;
import io.servercore.cli.Flags;
import io.servercore.cli.Range;
import io.servercore.net.Transport;
import java.util.List;

/**
 * What each flag of {@code java -jar dummyclient.jar} allows: the one table that
 * {@link SwarmOptions}, {@link SwarmConfig} and {@link AttackConfig} check against and
 * {@code --help} repeats. A bad value is answered
 * {@code dummyclient: invalid <flag> <value>: allowed <what> (see --help)}, as by every jar of
 * this repository, with exit status 2.
 *
 * <p>Stateless; the constants are immutable.
 */
public final class SwarmFlags {
    static final Flag HOST = new Flag("--host", "a host name or address");
    static final Range PORT = Range.of("--port", 1, 65535);
    static final Flag TARGETS = new Flag("--targets", "HOST:PORT with PORT 1..65535, comma-separated");
    /** 0 players is allowed too beside an attack: attackers alone. */
    static final Range CLIENTS = Range.of("--clients", 1, 1_000_000);
    static final Range ROOMS = Range.of("--rooms", 1, 1_000_000);
    static final Range CONNECT_RATE = Range.of("--connect-rate", 1, 1_000_000);
    /** At most one send of a kind per pacer tick (1 ms) per session. */
    static final Range CHAT_RATE = Range.of("--chat-rate", 0.001, 1000).orZero("off");
    /** Big enough for the chat's {@code <seq>:<time>:} stamp, small enough for S_Chat's frame. */
    static final Range PAYLOAD = Range.of("--payload", 32, 65_525);
    static final Range MOVE_RATE = Range.of("--move-rate", 0.001, 1000).orZero("off");
    static final Range PING_INTERVAL = Range.of("--ping-interval", 0.001, 3600).orZero("off");
    static final Range DURATION = Range.of("--duration", 0, 31_536_000);
    static final Flag MODE = new Flag("--mode", "chat|echo");
    static final Range WINDOW = Range.of("--window", 1, 100_000);
    static final Flag JSON = new Flag("--json", "a file path");
    static final Flag HTML = new Flag("--html", "a file path");
    static final Range THREADS = Range.of("--threads", 1, 1024).orZero("one per core");
    static final Flag TRANSPORT = new Flag("--transport", Transport.allowed());
    static final Range MAX_P99 = Range.of("--max-p99", 0.001, 3_600_000).orZero("off");
    static final Flag ATTACK = new Flag("--attack", AttackMode.allowed());
    static final Range ATTACKERS = Range.of("--attackers", 1, 100_000);
    static final Range CYCLE_RATE = Range.of("--cycle-rate", 0.001, 1000);
    static final Range FLOOD_RATE = Range.of("--flood-rate", 1, 1_000_000);
    static final Range DRIP_INTERVAL = Range.of("--drip-interval", 0.001, 3600);

    public static final Flags ALL = Flags.of(List.of(HOST, PORT.asFlag(), TARGETS, CLIENTS.asFlag(), ROOMS.asFlag(),
            CONNECT_RATE.asFlag(), CHAT_RATE.asFlag(), PAYLOAD.asFlag(), MOVE_RATE.asFlag(), PING_INTERVAL.asFlag(),
            DURATION.asFlag(), MODE, WINDOW.asFlag(), JSON, HTML, THREADS.asFlag(), TRANSPORT, MAX_P99.asFlag(),
            ATTACK, ATTACKERS.asFlag(), CYCLE_RATE.asFlag(), FLOOD_RATE.asFlag(), DRIP_INTERVAL.asFlag()));

    private SwarmFlags() {
    }
}
