package io.servercore.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.servercore.course.packet.C2S_LeaveGame;
import io.servercore.course.packet.C2S_Move;
import io.servercore.course.packet.S2C_BroadcastEnterGame;
import io.servercore.course.packet.S2C_BroadcastLeaveGame;
import io.servercore.course.packet.S2C_BroadcastMove;
import io.servercore.course.packet.S2C_PlayerList;
import io.servercore.course.packet.S2C_PlayerList.Player;
import io.servercore.testing.Await;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The course's Part 4 game through real sockets, with the room flushed on the real 250 ms
 * tick: what the course's DummyClient and Unity client see. Player ids count from 1 in connect
 * order on each fresh server. Single test thread; the server runs on its own.
 */
@Timeout(30)
class CourseGameTest {
    private CourseServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServers.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aJoinerGetsEveryMemberWithItselfMarkedAndEveryoneHearsItEnter() throws IOException {
        try (CourseClient a = new CourseClient(server.address())) {
            S2C_PlayerList first = a.expect(S2C_PlayerList.class);
            assertEquals(List.of(new Player(true, 1, 0f, 0f, 0f)), first.player);
            assertEquals(new S2C_BroadcastEnterGame(1, 0f, 0f, 0f), a.expect(S2C_BroadcastEnterGame.class),
                    "the joiner hears its own enter too");
            a.send(new C2S_Move(1.5f, 0f, -2f));
            assertEquals(new S2C_BroadcastMove(1, 1.5f, 0f, -2f), a.expect(S2C_BroadcastMove.class));

            try (CourseClient b = new CourseClient(server.address())) {
                S2C_PlayerList second = b.expect(S2C_PlayerList.class);
                assertEquals(List.of(new Player(false, 1, 1.5f, 0f, -2f), new Player(true, 2, 0f, 0f, 0f)),
                        second.player, "every member in entry order, where it stands, the joiner marked isSelf");
                S2C_BroadcastEnterGame enter = new S2C_BroadcastEnterGame(2, 0f, 0f, 0f);
                assertEquals(enter, a.expect(S2C_BroadcastEnterGame.class));
                assertEquals(enter, b.expect(S2C_BroadcastEnterGame.class));
            }
        }
    }

    @Test
    void movesReachEveryMemberInEachSendersOrderWithTheirExactFloats() throws IOException {
        // Every kind of float a client can send, down to the payload of a NaN: the server stores
        // and relays the four bytes, as the course's BitConverter does.
        float[] values = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, 0.1f,
            -123.456f, 1e-38f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc12345)};
        int count = 3 * values.length;
        try (CourseClient a = join(1);
             CourseClient b = join(2)) {
            expectEnters(a, 1, 2);
            expectEnters(b, 2);

            List<String> sentByA = new ArrayList<>();
            List<String> sentByB = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                C2S_Move fromA = new C2S_Move(values[i % values.length], i, -values[(i + 1) % values.length]);
                C2S_Move fromB = new C2S_Move(-i, values[(i + 5) % values.length], values[i % values.length]);
                a.send(fromA);
                b.send(fromB);
                sentByA.add(bits(1, fromA.posX, fromA.posY, fromA.posZ));
                sentByB.add(bits(2, fromB.posX, fromB.posY, fromB.posZ));
            }
            for (CourseClient receiver : List.of(a, b)) {
                List<String> fromA = new ArrayList<>();
                List<String> fromB = new ArrayList<>();
                for (int i = 0; i < 2 * count; i++) {
                    S2C_BroadcastMove move = receiver.expect(S2C_BroadcastMove.class);
                    (move.playerId == 1 ? fromA : fromB).add(bits(move.playerId, move.posX, move.posY, move.posZ));
                }
                assertEquals(sentByA, fromA);
                assertEquals(sentByB, fromB);
            }
        }
    }

    @Test
    void leaveGameTellsTheRestAndTheLeaverIsNoLongerInTheRoom() throws IOException {
        try (CourseClient a = join(1);
             CourseClient b = join(2);
             CourseClient c = join(3)) {
            expectEnters(a, 1, 2, 3);
            expectEnters(b, 2, 3);
            expectEnters(c, 3);

            a.send(new C2S_LeaveGame());
            assertEquals(new S2C_BroadcastLeaveGame(1), b.expect(S2C_BroadcastLeaveGame.class));
            assertEquals(new S2C_BroadcastLeaveGame(1), c.expect(S2C_BroadcastLeaveGame.class));

            // After B saw the leave, its move is surely later in the room's queue: A is not told.
            b.send(new C2S_Move(5f, 6f, 7f));
            assertEquals(new S2C_BroadcastMove(2, 5f, 6f, 7f), c.expect(S2C_BroadcastMove.class));
            assertEquals(new S2C_BroadcastMove(2, 5f, 6f, 7f), b.expect(S2C_BroadcastMove.class));
            try (CourseClient late = new CourseClient(server.address())) {
                assertEquals(List.of(new Player(false, 2, 5f, 6f, 7f), new Player(false, 3, 0f, 0f, 0f),
                        new Player(true, 4, 0f, 0f, 0f)), late.expect(S2C_PlayerList.class).player,
                        "A is connected but no longer a member");
                assertEquals(4, server.playersOnline());
            }
            assertFalse(a.hasUnread(), "the leaver heard nothing after its leave");
        }
    }

    @ParameterizedTest(name = "closed with {0}")
    @ValueSource(strings = {"FIN", "RST"})
    void aDisconnectTellsTheRest(String how) throws IOException {
        try (CourseClient a = join(1);
             CourseClient b = join(2)) {
            expectEnters(b, 2);
            a.send(new C2S_Move(3f, 0f, 3f));
            assertEquals(new S2C_BroadcastMove(1, 3f, 0f, 3f), b.expect(S2C_BroadcastMove.class));

            if (how.equals("RST")) {
                a.reset();
            } else {
                a.disconnect();
            }
            assertEquals(new S2C_BroadcastLeaveGame(1), b.expect(S2C_BroadcastLeaveGame.class));
            Await.until("the server counts one player online", () -> server.playersOnline() == 1,
                    server::playersOnline);
            assertEquals(1, TestServers.onRoom(server, GameRoom::memberCount));
        }
    }

    /** Skips to the enters of {@code ids}, in order; each client hears every enter from its own on. */
    private static void expectEnters(CourseClient client, int... ids) throws IOException {
        for (int id : ids) {
            assertEquals(new S2C_BroadcastEnterGame(id, 0f, 0f, 0f), client.expect(S2C_BroadcastEnterGame.class));
        }
    }

    /** A move as its exact bits: equals on floats would take one NaN for another. */
    private static String bits(int playerId, float x, float y, float z) {
        return playerId + ":" + Integer.toHexString(Float.floatToRawIntBits(x)) + ","
                + Integer.toHexString(Float.floatToRawIntBits(y)) + "," + Integer.toHexString(Float.floatToRawIntBits(z));
    }

    /** Connects and reads the player list, so the next client surely enters after this one. */
    private CourseClient join(int expectedId) throws IOException {
        return TestServers.join(server, expectedId).client();
    }
}
