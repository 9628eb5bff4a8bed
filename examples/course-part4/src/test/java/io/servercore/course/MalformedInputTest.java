package io.servercore.course;

import static io.servercore.course.TestServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.servercore.course.packet.C2S_Move;
import io.servercore.course.packet.S2C_BroadcastEnterGame;
import io.servercore.course.packet.S2C_BroadcastLeaveGame;
import io.servercore.course.packet.S2C_BroadcastMove;
import io.servercore.net.Session;
import io.servercore.testing.Await;
import io.servercore.testing.Frames;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Malformed input closes that one session, as in gameserver: no reply, one WARN line naming the
 * peer and what was wrong; the room hears the player leave and goes on. Frames are written by
 * hand ({@code [size u16][id u16][payload]}). Single test thread; the server runs on its own.
 */
@Timeout(30)
class MalformedInputTest {
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger sessionLog = (Logger) LoggerFactory.getLogger(Session.class);
    private CourseServer server;

    @BeforeEach
    void start() throws Exception {
        lines.start();
        sessionLog.addAppender(lines);
        server = TestServers.start();
    }

    @AfterEach
    void stop() {
        server.close();
        sessionLog.detachAppender(lines);
    }

    static List<Arguments> malformed() {
        return List.of(
                Arguments.of("a size below the header", Frames.header(3, C2S_Move.ID, new byte[12]), "size=3"),
                Arguments.of("a size above the 4096-byte limit", Frames.header(4097, C2S_Move.ID, new byte[12]),
                        "size=4097"),
                Arguments.of("an unknown id", Frames.frame(99, new byte[0]), "unknown packet id 99"),
                Arguments.of("a server-to-client id", Frames.frame(S2C_BroadcastMove.ID, new byte[16]),
                        "packet id 6 (S2C_BroadcastMove) is server-to-client"),
                Arguments.of("a move cut short", Frames.frame(C2S_Move.ID, new byte[11]),
                        "malformed C2S_Move.posZ: float needs 4 bytes, remaining=3"),
                Arguments.of("a leave with a byte too many", Frames.frame(2, new byte[1]),
                        "malformed C2S_LeaveGame: 1 trailing bytes after the last field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void closesThatSessionWithOneWarningAndTheRoomGoesOn(String what, byte[] frame, String reason) throws Exception {
        try (CourseClient bystander = join(server, 1).client();
             CourseClient offender = join(server, 2).client()) {
            assertEquals(new S2C_BroadcastEnterGame(1, 0f, 0f, 0f), bystander.expect(S2C_BroadcastEnterGame.class));
            assertEquals(new S2C_BroadcastEnterGame(2, 0f, 0f, 0f), bystander.expect(S2C_BroadcastEnterGame.class));
            assertEquals(new S2C_BroadcastEnterGame(2, 0f, 0f, 0f), offender.expect(S2C_BroadcastEnterGame.class));
            String peer = "127.0.0.1:" + offender.localPort();

            offender.write(frame);
            offender.expectClosed();
            assertEquals(new S2C_BroadcastLeaveGame(2), bystander.expect(S2C_BroadcastLeaveGame.class));
            Await.until("the disconnect is handled", () -> server.playersOnline() == 1, server::playersOnline);
            List<String> warnings = warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(peer) && warnings.get(0).contains("protocol violation")
                    && warnings.get(0).contains(reason), warnings.get(0));

            bystander.send(new C2S_Move(1f, 2f, 3f));
            assertEquals(new S2C_BroadcastMove(1, 1f, 2f, 3f), bystander.expect(S2C_BroadcastMove.class));
        }
    }

    private List<String> warnings() {
        synchronized (lines.list) {
            return lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
