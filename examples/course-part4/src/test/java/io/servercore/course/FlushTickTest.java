package io.servercore.course;

import static io.servercore.course.TestServers.awaitGathered;
import static io.servercore.course.TestServers.join;
import static io.servercore.course.TestServers.onRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.servercore.course.packet.C2S_LeaveGame;
import io.servercore.course.packet.C2S_Move;
import io.servercore.course.packet.S2C_BroadcastEnterGame;
import io.servercore.course.packet.S2C_BroadcastLeaveGame;
import io.servercore.course.packet.S2C_BroadcastMove;
import io.servercore.course.packet.S2C_PlayerList.Player;
import io.servercore.packet.Packet;
import io.servercore.testing.Await;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What one flush tick sends, with the ticks held until the test lets one through
 * ({@link HeldTicks}): the broadcasts gathered since the last flush, in one socket write per
 * member, to the members who were there when each was made. The room's own count of what it
 * gathered, read on its queue, tells when every broadcast a test caused is in. Player ids count
 * from 1 in connect order on each fresh server. Single test thread; the server runs on its own.
 */
@Timeout(30)
class FlushTickTest {
    private HeldTicks ticks;
    private CourseServer server;

    @BeforeEach
    void start() throws IOException {
        ticks = new HeldTicks();
        server = TestServers.start(ticks);
    }

    @AfterEach
    void stop() {
        server.close();
        ticks.close();
    }

    @Test
    void aFlushHandsEveryMemberTheBroadcastsOfSeveralPlayersInOneWrite() throws Exception {
        try (CourseClient d = join(server, 1).client();
             CourseClient a = join(server, 2).client();
             CourseClient b = join(server, 3).client();
             CourseClient c = join(server, 4).client()) {
            awaitGathered(server, 4);
            ticks.releaseOne();
            assertEquals(List.of(enter(1), enter(2), enter(3), enter(4)), d.nextRead(), "four enters, one read");
            assertEquals(List.of(enter(2), enter(3), enter(4)), a.nextRead());
            assertEquals(List.of(enter(3), enter(4)), b.nextRead());
            assertEquals(List.of(enter(4)), c.nextRead());

            // Three senders, three connections, three separate drains of the room's queue.
            a.send(new C2S_Move(1f, 1f, 1f));
            b.send(new C2S_Move(2f, 2f, 2f));
            c.send(new C2S_Move(3f, 3f, 3f));
            awaitGathered(server, 3);
            ticks.releaseOne();
            Set<Packet> moves = Set.of(new S2C_BroadcastMove(2, 1f, 1f, 1f), new S2C_BroadcastMove(3, 2f, 2f, 2f),
                    new S2C_BroadcastMove(4, 3f, 3f, 3f));
            for (CourseClient member : List.of(d, a, b, c)) {
                List<Packet> read = member.nextRead();
                assertEquals(3, read.size(), "the three moves in one read: " + read);
                assertEquals(moves, new HashSet<>(read));
            }
        }
    }

    @Test
    void aLateJoinerSeesTheLastPositionsAndNothingGatheredBeforeIt() throws Exception {
        try (CourseClient a = join(server, 1).client();
             CourseClient b = join(server, 2).client()) {
            awaitGathered(server, 2);
            ticks.releaseOne();
            assertEquals(List.of(enter(1), enter(2)), a.nextRead());
            assertEquals(List.of(enter(2)), b.nextRead());

            a.send(new C2S_Move(1f, 2f, 3f));
            a.send(new C2S_Move(4f, 5f, -6.5f));
            b.send(new C2S_Move(7f, 8f, 9f));
            awaitGathered(server, 3);
            TestServers.Joined late = join(server, 3);
            try (CourseClient c = late.client()) {
                assertEquals(List.of(new Player(false, 1, 4f, 5f, -6.5f), new Player(false, 2, 7f, 8f, 9f),
                        new Player(true, 3, 0f, 0f, 0f)), late.list(), "where everyone stands, before any flush");
                awaitGathered(server, 4);
                ticks.releaseOne();

                List<Packet> toA = a.nextRead();
                assertEquals(4, toA.size(), toA.toString());
                assertEquals(enter(3), toA.get(3), "the enter came after the moves");
                assertEquals(List.of(new S2C_BroadcastMove(1, 1f, 2f, 3f), new S2C_BroadcastMove(1, 4f, 5f, -6.5f)),
                        toA.stream().filter(p -> p instanceof S2C_BroadcastMove m && m.playerId == 1).toList());
                assertEquals(List.of(new S2C_BroadcastMove(2, 7f, 8f, 9f)),
                        toA.stream().filter(p -> p instanceof S2C_BroadcastMove m && m.playerId == 2).toList());
                assertEquals(List.of(enter(3)), c.nextRead(), "the moves its list already showed are not sent again");
            }
        }
    }

    @Test
    void aDisconnectAfterLeaveGameAnnouncesNothingMoreAndMovesAfterTheLeaveAreIgnored() throws Exception {
        try (CourseClient a = join(server, 1).client();
             CourseClient b = join(server, 2).client()) {
            awaitGathered(server, 2);
            ticks.releaseOne();
            a.nextRead();
            assertEquals(List.of(enter(2)), b.nextRead());

            a.send(new C2S_LeaveGame(), new C2S_Move(9f, 9f, 9f));
            a.disconnect();
            // A's disconnect is handled once it no longer counts: its leave is then on the queue,
            // behind the leave and the move it sent, and before the reads below.
            Await.until("A's disconnect is handled", () -> server.playersOnline() == 1, server::playersOnline);
            assertEquals(1, onRoom(server, GameRoom::memberCount));
            assertEquals(1, onRoom(server, GameRoom::gatheredCount), "one leave, no move, no second leave");
            ticks.releaseOne();
            assertEquals(List.of(new S2C_BroadcastLeaveGame(1)), b.nextRead());
        }
    }

    private static S2C_BroadcastEnterGame enter(int playerId) {
        return new S2C_BroadcastEnterGame(playerId, 0f, 0f, 0f);
    }
}
