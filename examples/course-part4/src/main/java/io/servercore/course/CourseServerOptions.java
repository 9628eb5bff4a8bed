package io.servercore.course;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code java -jar course-part4.jar}. Picocli fills the fields;
 * {@link #toConfig()} checks them against {@link CourseServerFlags}, whose words each description
 * repeats. Defaults are the course's.
 *
 * <p>Not thread-safe; used once by {@code main}.
 */
@Command(name = "course-part4", mixinStandardHelpOptions = true, version = "course-part4 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "The course's Part 4 movement game (one room, S2C_PlayerList, C2S_Move, ...) on servercore.")
final class CourseServerOptions {
    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address to listen on, a host name or address; :: for IPv6 too (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7777",
            description = "Port to listen on, 0 (any free port) or 1..65535 (default: ${DEFAULT-VALUE}, as the course).")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "I/O threads, 0 (one per core) or 1..1024 (default: 0, one per core).")
    int threads;

    @Option(names = "--max-players", paramLabel = "N", defaultValue = "1000",
            description = "Players in the room, 1..3854 (the most one S2C_PlayerList frame lists); more connections "
                    + "are closed at once (default: ${DEFAULT-VALUE}).")
    int maxPlayers;

    @Option(names = "--flush-ms", paramLabel = "MS", defaultValue = "250",
            description = "Milliseconds between flushes of the room's broadcasts, 1..60000 (default: ${DEFAULT-VALUE},"
                    + " as the course's FlushRoom).")
    long flushMillis;

    /** @throws IllegalArgumentException naming the flag, its value and what is allowed */
    CourseServerConfig toConfig() {
        return new CourseServerConfig(host, port, threads, maxPlayers, flushMillis);
    }
}
