package io.servercore.dummyclient.attack;

import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.dummyclient.protocol.C_EnterRoom;
import io.servercore.dummyclient.protocol.C_Ping;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --attack never-read}: each connection asks for a {@value #RECEIVE_BUFFER}-byte
 * receive window, enters its room (a players' room, busy with their chats and moves) and
 * never reads a byte. The server's queue for it grows with the room's traffic until the
 * outbound limit cuts it. Expected: the cut, timed from the entry; the attacker then
 * connects again at once.
 *
 * <p>A connection that does not read cannot see a FIN, so it learns of the cut by writing: a
 * C_Ping every {@value #PROBE_MILLIS} ms (which also keeps it clear of the idle timeout)
 * fails once the server has closed. The close time is therefore up to two probes late. How
 * soon the cut comes is the outbound limit over the room's traffic per member: with the
 * defaults (4 MiB, rooms of 100 chatting once a second) that is minutes.
 *
 * <p>Threading: as every {@link Attack}, all on its tick.
 */
final class NeverReadAttack extends Attack {
    static final int RECEIVE_BUFFER = 4096;
    static final long PROBE_MILLIS = 100;

    NeverReadAttack(SwarmState state) {
        super(AttackMode.NEVER_READ, state, 0);
    }

    @Override
    int receiveBuffer() {
        return RECEIVE_BUFFER;
    }

    @Override
    boolean reads() {
        return false;
    }

    @Override
    Attacker attacker(int index) {
        return new Attacker(this, index) {
            private long nextProbe;

            @Override
            void onOpen() throws IOException {
                write(new C_EnterRoom(room, name));
                awaitClose("outbound-limit cut of a connection that never reads", NO_DEADLINE);
                nextProbe = now + TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS);
            }

            @Override
            void onTick() throws IOException {
                if (now - nextProbe >= 0) {
                    write(new C_Ping(now));
                    nextProbe += TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS);
                }
            }
        };
    }

    @Override
    String closeAfterWhat() {
        return "after entering";
    }

    @Override
    void figures(AttackResult r, List<Figure> out) {
        out.add(Figure.count("receiveBuffer", "receive window asked", RECEIVE_BUFFER));
        out.add(Figure.count("probes", "packets written (entry, probes)", r.count(AttackCounter.PACKETS_SENT)));
    }

    @Override
    void failures(AttackResult r, List<String> out) {
        heldFailures(r, "connections that never read", out);
    }
}
