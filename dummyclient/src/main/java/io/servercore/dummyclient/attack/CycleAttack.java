package io.servercore.dummyclient.attack;

import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.dummyclient.protocol.C_Chat;
import io.servercore.dummyclient.protocol.C_EnterRoom;
import io.servercore.dummyclient.protocol.S_Chat;
import io.servercore.dummyclient.protocol.S_EnterRoom;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What {@link ResetAttack} and {@link ChurnAttack} share: a cycle of connect, enter the room,
 * chat {@value #CHATS} times, and leave once the chats come back, one cycle per attacker
 * every {@code 1/--cycle-rate} seconds. The server must let each cycle in (S_EnterRoom) and
 * echo its chats within {@link Attack#ANSWER_NANOS}; the players in the room must see each
 * attacker leave again (the run's check that no attacker stays in a room after it has gone).
 * How it leaves is the subclass's: {@link #leave}.
 *
 * <p>Threading: as every {@link Attack}, all on its tick.
 */
abstract class CycleAttack extends Attack {
    static final int CHATS = 3;

    /** The count of cycles that ended as the subclass ends them, and its words in the report. */
    private final AttackCounter ended;
    private final String endedLabel;
    private final String end;

    /**
     * @param ended      the counter of cycles that got as far as their end
     * @param endedLabel the report's words for those, e.g. "reset mid-traffic"
     * @param end        the words for that end in a failure, e.g. "its reset"
     */
    CycleAttack(AttackMode mode, SwarmState state, AttackCounter ended, String endedLabel, String end) {
        super(mode, state, SwarmConfig.intervalNanos(state.config.attack().cycleRate()));
        this.ended = ended;
        this.endedLabel = endedLabel;
        this.end = end;
    }

    /**
     * Called when the {@code echoes}-th own chat of {@code member} came back (from 1 to
     * {@link #CHATS}); leaves when it is time, by closing or by {@link Attacker#awaitClose}.
     */
    abstract void leave(Member member, int echoes) throws IOException;

    @Override
    final Attacker attacker(int index) {
        return new Member(index);
    }

    /** One cycling attacker: enters, chats, and leaves as {@link #leave} says. */
    final class Member extends Attacker {
        private int playerId;
        private int echoes;

        Member(int index) {
            super(CycleAttack.this, index);
        }

        @Override
        final void onOpen() throws IOException {
            playerId = -1;
            echoes = 0;
            write(new C_EnterRoom(room, name));
            await("S_EnterRoom");
        }

        @Override
        final void onFrame(int id, ByteBuffer payload) throws IOException {
            if (id == S_EnterRoom.ID && playerId < 0) {
                playerId = parse(() -> S_EnterRoom.read(payload)).playerId;
                metrics.add(AttackCounter.ENTERED);
                for (int i = 1; i <= CHATS; i++) {
                    write(new C_Chat(name + " " + cycles + "." + i));
                }
                await("its chats back");
            } else if (id == S_Chat.ID && playerId >= 0 && parse(() -> S_Chat.read(payload)).playerId == playerId) {
                if (++echoes == 1) {
                    metrics.add(AttackCounter.ECHOED);
                }
                leave(this, echoes);
            }
        }
    }

    @Override
    final void figures(AttackResult r, List<Figure> out) {
        out.add(Figure.count("entered", "cycles let into the room", r.count(AttackCounter.ENTERED)));
        out.add(Figure.count("echoed", "cycles that had a chat back", r.count(AttackCounter.ECHOED)));
        out.add(Figure.count("ended", endedLabel, r.count(ended)));
    }

    @Override
    final void failures(AttackResult r, List<String> out) {
        if (r.count(AttackCounter.CONNECTS) > 0 && r.count(ended) == 0) {
            out.add("no cycle got as far as " + end);
        }
    }
}
