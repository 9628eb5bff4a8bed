package io.servercore.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.servercore.course.packet.S2C_PlayerList;
import io.servercore.course.packet.S2C_PlayerList.Player;
import io.servercore.testing.Await;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/** Course servers on 127.0.0.1 with a free port, for in-process tests. */
final class TestServers {
    private TestServers() {
    }

    /** The course's defaults (a 250 ms flush), two I/O threads. */
    static CourseServerConfig config() {
        return new CourseServerConfig("127.0.0.1", 0, 2, CourseServerConfig.DEFAULT_MAX_PLAYERS,
                CourseServerConfig.DEFAULT_FLUSH_MILLIS);
    }

    static CourseServer start() throws IOException {
        return CourseServer.start(config());
    }

    /** A server whose flush ticks wait for {@code ticks} to release them. */
    static CourseServer start(HeldTicks ticks) throws IOException {
        return CourseServer.start(config(), ticks::timerOf);
    }

    /** Reads the room's state on its own queue, as its jobs do, and waits for the answer. */
    static int onRoom(CourseServer server, ToIntFunction<GameRoom> read) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        GameRoom room = server.room();
        room.push(() -> answer.complete(read.applyAsInt(room)));
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the room did not answer", e);
        }
    }

    /** Waits until the room has gathered {@code count} broadcasts for the next flush. */
    static void awaitGathered(CourseServer server, int count) {
        Await.until(count + " broadcasts gathered", () -> onRoom(server, GameRoom::gatheredCount) == count,
                () -> onRoom(server, GameRoom::gatheredCount));
    }

    /**
     * Connects and reads the player list, which ends with the joiner, so that a client made
     * next surely enters after this one. Returns the client and its list.
     */
    static Joined join(CourseServer server, int expectedId) throws IOException {
        CourseClient client = new CourseClient(server.address());
        try {
            List<Player> list = client.expect(S2C_PlayerList.class).player;
            assertEquals(new Player(true, expectedId, 0f, 0f, 0f), list.get(list.size() - 1), "the joiner, last");
            return new Joined(client, list);
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    /** A client that has entered, and the player list it got. */
    record Joined(CourseClient client, List<Player> list) {
    }
}
