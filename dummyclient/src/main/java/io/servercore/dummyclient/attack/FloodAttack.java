package io.servercore.dummyclient.attack;

import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.dummyclient.protocol.C_Ping;
import io.servercore.dummyclient.protocol.S_Pong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code --attack flood}: each connection sends C_Ping at {@code --flood-rate} packets a
 * second, far above the server's rate limit, and reads every answer. Expected: the server
 * drops the excess and says so with S_Error(3) RATE_LIMITED, answers the rest with S_Pong,
 * and closes nothing; the report shows how many pongs a second got through (the server's
 * rate) and whether the players noticed.
 *
 * <p>Never faster than asked and never in a burst to catch up: each tick sends what is due
 * since the last, at most {@value #MAX_CATCH_UP_MILLIS} ms worth. When more than
 * {@link SwarmConfig#HOLD_BACK_BYTES} wait unsent (the server does not read), due pings are
 * held back and counted.
 *
 * <p>Threading: as every {@link Attack}, all on its tick.
 */
final class FloodAttack extends Attack {
    private static final int MAX_CATCH_UP_MILLIS = 50;

    private final byte[] ping = RawConnection.bytes(new C_Ping(0));
    /** Pings written at once; tick only. */
    private byte[] batch = new byte[0];

    FloodAttack(SwarmState state) {
        super(AttackMode.FLOOD, state, 0);
    }

    @Override
    Attacker attacker(int index) {
        return new Attacker(this, index) {
            private long openedAt;
            private long due;

            @Override
            void onOpen() {
                openedAt = now;
                due = 0;
            }

            @Override
            void onTick() throws IOException {
                long target = 1 + (long) ((now - openedAt) / 1e9 * settings.floodRate());
                long n = Math.min(target - due, 1 + (long) (settings.floodRate() * MAX_CATCH_UP_MILLIS / 1000));
                due = target;
                if (n <= 0) {
                    return;
                }
                if (pending() > SwarmConfig.HOLD_BACK_BYTES) {
                    metrics.add(AttackCounter.HELD_BACK, n);
                    return;
                }
                int bytes = (int) n * ping.length;
                if (batch.length < bytes) {
                    batch = new byte[bytes];
                    for (int at = 0; at < bytes; at += ping.length) {
                        System.arraycopy(ping, 0, batch, at, ping.length);
                    }
                }
                write(batch, 0, bytes);
                metrics.add(AttackCounter.PACKETS_SENT, n);
            }

            @Override
            void onFrame(int id, ByteBuffer payload) {
                if (id == S_Pong.ID) {
                    metrics.add(AttackCounter.PONGS);
                }
            }
        };
    }

    @Override
    String closeAfterWhat() {
        return null; // the server has no reason to close
    }

    @Override
    void figures(AttackResult r, List<Figure> out) {
        double seconds = Math.max(1e-9, seconds());
        out.add(Figure.real("askedPerSecond", "pings asked per attacker", settings.floodRate(), 1, "/s"));
        out.add(Figure.count("sent", "pings sent", r.count(AttackCounter.PACKETS_SENT)));
        out.add(Figure.real("sentPerSecond", "pings sent", r.count(AttackCounter.PACKETS_SENT) / seconds, 1, "/s"));
        out.add(Figure.count("heldBack", "held back, server not reading", r.count(AttackCounter.HELD_BACK)));
        out.add(Figure.count("pongs", "answered (S_Pong)", r.count(AttackCounter.PONGS)));
        out.add(Figure.real("pongsPerSecond", "answered", r.count(AttackCounter.PONGS) / seconds, 1, "/s"));
        out.add(Figure.count("rateLimited", "dropped (S_Error 3)", r.errors(3)));
    }

    @Override
    void failures(AttackResult r, List<String> out) {
        if (r.count(AttackCounter.PACKETS_SENT) > 0 && r.errors(3) == 0) {
            out.add("the server answered none of " + r.count(AttackCounter.PACKETS_SENT)
                    + " pings with S_Error(3) RATE_LIMITED (is its rate limit off?)");
        }
    }
}
