package io.servercore.benchmarks.load;

import io.servercore.cli.Flag;
import io.servercore.cli.Flags;
import io.servercore.cli.Range;
import java.util.List;

/**
 * What each flag of {@link NeutralLoad}'s modes allows: the one table that {@link LoadOptions}
 * checks the command line against and each mode's {@code --help} repeats. A bad value is answered
 * {@code neutral-load: invalid <flag> <value>: allowed <what> (see --help)}, as by every jar of
 * this repository, with exit status {@link Flags#USAGE}.
 *
 * <p>Stateless; the constants are immutable.
 */
final class LoadFlags {
    static final Flag HOST = new Flag("--host", "a host name or address");
    static final Range PORT = Range.of("--port", 1, 65535);
    static final Range SESSIONS = Range.of("--sessions", 1, 50_000);
    static final Range SECONDS = Range.of("--seconds", 1, 3600);
    static final Flag WARM_UP = new Flag("--warm-up", "0..3599, less than --seconds");
    static final Range DRAIN = Range.of("--drain", 0, 600);
    static final Range READY_TIMEOUT = Range.of("--ready-timeout", 1, 600);
    static final Flag JSON = new Flag("--json", "a file path");
    static final Flag ROOM_SIZE = new Flag("--room-size", "1..1000, at most --sessions");
    static final Range RATE = Range.of("--rate", 0.001, 10_000);
    static final Range PAYLOAD = Range.of("--payload", ChatText.HEADER_LENGTH, 1024);
    static final Range POLL_US = Range.of("--poll-us", 1, 100_000).orZero("never polls");
    static final Range WINDOW = Range.of("--window", 1, 1024);

    static final Flags ALL = Flags.of(List.of(HOST, PORT.asFlag(), SESSIONS.asFlag(), SECONDS.asFlag(), WARM_UP,
            DRAIN.asFlag(), READY_TIMEOUT.asFlag(), JSON, ROOM_SIZE, RATE.asFlag(), PAYLOAD.asFlag(), POLL_US.asFlag(),
            WINDOW.asFlag()));

    private LoadFlags() {
    }

    /** {@code value} within {@code min..max}, which another flag sets; else the flag's line with that range and why. */
    static void within(Flag flag, int value, int min, int max, String why) {
        Range range = Range.of(flag.name(), min, max);
        if (!range.allows(value)) {
            throw flag.allowing(range.allowed() + " (" + why + ")").invalid(value);
        }
    }
}
