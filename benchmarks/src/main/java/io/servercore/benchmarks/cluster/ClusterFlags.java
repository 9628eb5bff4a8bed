package io.servercore.benchmarks.cluster;

import io.servercore.cli.Flag;
import io.servercore.cli.Flags;
import io.servercore.cli.Range;
import java.util.List;

/**
 * What each flag of {@link ClusterBench} allows: the one table that {@link ClusterOptions} checks
 * the command line against and {@code --help} repeats. A bad value is answered
 * {@code cluster-bench: invalid <flag> <value>: allowed <what> (see --help)}, as by every jar of
 * this repository, with exit status {@link Flags#USAGE}.
 *
 * <p>Stateless; the constants are immutable.
 */
final class ClusterFlags {
    /** The swarm's own limit; each node's room capacity is set to it. */
    static final Range CLIENTS = Range.of("--clients", 1, 1_000_000);
    /** A room with no member would measure nothing. */
    static final Flag ROOMS = new Flag("--rooms", "1..1000000, at most --clients");
    /** The swarm's own limit, without its 0 (off): a chat benchmark needs chats. */
    static final Range CHAT_RATE = Range.of("--chat-rate", 0.001, 1000);
    static final Range DURATION = Range.of("--duration", 1, 3600);
    /** At least one second of load must be left to measure. */
    static final Flag WARMUP = new Flag("--warmup", "0..3599, less than --duration");

    static final Flags ALL = Flags.of(List.of(CLIENTS.asFlag(), ROOMS, CHAT_RATE.asFlag(), DURATION.asFlag(),
            WARMUP));

    private ClusterFlags() {
    }

    /** {@code value} within {@code min..max}, which another flag sets; else the flag's line with that range and why. */
    static void within(Flag flag, int value, int min, int max, String why) {
        Range range = Range.of(flag.name(), min, max);
        if (!range.allows(value)) {
            throw flag.allowing(range.allowed() + " (" + why + ")").invalid(value);
        }
    }
}
