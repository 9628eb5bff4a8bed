package io.servercore.course;

import io.servercore.cli.Flag;
import io.servercore.cli.Flags;
import io.servercore.cli.Range;
import java.util.List;

/**
 * What each flag of {@code java -jar course-part4.jar} allows: the one table that
 * {@link CourseServerOptions} and {@link CourseServerConfig} check against and {@code --help}
 * repeats. A bad value is answered {@code course-part4: invalid <flag> <value>: allowed <what>
 * (see --help)}, as by every jar of this repository.
 *
 * <p>Stateless; the constants are immutable.
 */
final class CourseServerFlags {
    static final Flag HOST = new Flag("--host", "a host name or address");
    static final Range PORT = Range.of("--port", 1, 65535).orZero("any free port");
    static final Range THREADS = Range.of("--threads", 1, 1024).orZero("one per core");
    /** At most what one S2C_PlayerList frame can list. */
    static final Range MAX_PLAYERS = Range.of("--max-players", 1, CourseServerConfig.MAX_PLAYERS);
    static final Range FLUSH_MS = Range.of("--flush-ms", 1, CourseServerConfig.MAX_FLUSH_MILLIS);

    static final Flags ALL = Flags.of(List.of(HOST, PORT.asFlag(), THREADS.asFlag(), MAX_PLAYERS.asFlag(),
            FLUSH_MS.asFlag()));

    private CourseServerFlags() {
    }
}
