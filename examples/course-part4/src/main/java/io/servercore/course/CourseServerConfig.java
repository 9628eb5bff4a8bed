package io.servercore.course;

import io.servercore.course.packet.S2C_PlayerList;
import io.servercore.net.ServiceConfig;
import io.servercore.packet.PacketHeader;

/**
 * The example server's settings, checked against {@link CourseServerFlags}: every value is in its
 * allowed range once an instance exists, and the message of a value out of range names the flag,
 * the value and what is allowed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host        address to listen on
 * @param port        port to listen on, 0 for any free one
 * @param threads     I/O threads; 0 is replaced by one per core
 * @param maxPlayers  players in the one room; more connections are closed at once
 * @param flushMillis milliseconds between two flushes of the room's broadcasts
 */
public record CourseServerConfig(String host, int port, int threads, int maxPlayers, long flushMillis) {
    /** The course's Program.cs listens on 7777. */
    static final int DEFAULT_PORT = 7777;
    /** The course's Program.FlushRoom pushes the next flush 250 ms after the last. */
    static final long DEFAULT_FLUSH_MILLIS = 250;
    static final int DEFAULT_MAX_PLAYERS = 1000;
    static final long MAX_FLUSH_MILLIS = 60_000;
    /**
     * The most players one {@code S2C_PlayerList} frame can list: the frame's u16 size bounds it,
     * and the course's clients expect the whole list in one packet.
     */
    static final int MAX_PLAYERS = (PacketHeader.MAX_FRAME_SIZE - new S2C_PlayerList().encodedSize())
            / new S2C_PlayerList.Player().encodedSize();

    public CourseServerConfig {
        if (host == null || host.isBlank()) {
            throw CourseServerFlags.HOST.invalid(host);
        }
        CourseServerFlags.PORT.check(port);
        CourseServerFlags.THREADS.check(threads);
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
        CourseServerFlags.MAX_PLAYERS.check(maxPlayers);
        CourseServerFlags.FLUSH_MS.check(flushMillis);
    }

    /** The course's settings on {@code port}: every address, one I/O thread per core. */
    public static CourseServerConfig defaults(int port) {
        return new CourseServerConfig("0.0.0.0", port, Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_PLAYERS,
                DEFAULT_FLUSH_MILLIS);
    }

    /** The engine settings these imply: as many sessions as players, and the engine's frame limit. */
    ServiceConfig serviceConfig() {
        return ServiceConfig.builder().host(host).port(port).maxSessions(maxPlayers).build();
    }
}
