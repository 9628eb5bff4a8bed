package io.servercore.dummyclient.attack;

import io.servercore.cli.Range;
import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.dummyclient.protocol.C_Chat;
import java.io.IOException;
import java.util.List;

/**
 * {@code --attack drip}: each connection sends a valid C_Chat frame one byte at a time, a
 * byte every {@code --drip-interval} seconds, and nothing else: slowloris. A half frame is no
 * activity, so the server's idle timeout must close the connection before the frame is
 * whole; the attacker then connects again at once. The close is timed from the connect
 * (when the server's idle clock starts), so the report shows the server's idle timeout.
 *
 * <p>The frame is a C_Chat of {@code --payload} bytes of text, at most 1018 (a 1 KiB frame,
 * inside the default chat and frame limits). Expected: closes, and no frame ever completed
 * (one that does means the drip is faster than the idle timeout: raise
 * {@code --drip-interval}).
 *
 * <p>Threading: as every {@link Attack}, all on its tick.
 */
final class DripAttack extends Attack {
    private static final int MAX_TEXT = 1018;

    private final byte[] frame;
    private final long intervalNanos;

    DripAttack(SwarmState state) {
        super(AttackMode.DRIP, state, 0);
        this.frame = RawConnection.bytes(new C_Chat(".".repeat(Math.min(MAX_TEXT, state.config.payload()))));
        this.intervalNanos = Math.max(1, Math.round(settings.dripIntervalSeconds() * 1e9));
    }

    @Override
    Attacker attacker(int index) {
        return new Attacker(this, index) {
            private int at;
            private long nextByte;

            @Override
            void onOpen() {
                at = 0;
                nextByte = now;
                awaitClose("idle-timeout close of a dripping connection", NO_DEADLINE);
            }

            @Override
            void onTick() throws IOException {
                if (now - nextByte < 0) {
                    return;
                }
                write(frame, at++, 1);
                nextByte += intervalNanos;
                if (at == frame.length) {
                    at = 0;
                    metrics.add(AttackCounter.FRAMES_COMPLETED);
                    awaitClose("idle-timeout close of a dripping connection", NO_DEADLINE);
                }
            }
        };
    }

    @Override
    String closeAfterWhat() {
        return "after connecting";
    }

    @Override
    void figures(AttackResult r, List<Figure> out) {
        out.add(Figure.real("dripIntervalSeconds", "a byte every", settings.dripIntervalSeconds(), 3, "s"));
        out.add(Figure.count("frameBytes", "frame", frame.length));
        out.add(Figure.real("frameSeconds", "a whole frame would take", frame.length * intervalNanos / 1e9, 1, "s"));
        out.add(Figure.count("bytesDripped", "bytes dripped", r.count(AttackCounter.BYTES_SENT)));
        out.add(Figure.count("framesCompleted", "frames that arrived whole", r.count(AttackCounter.FRAMES_COMPLETED)));
    }

    @Override
    void failures(AttackResult r, List<String> out) {
        long whole = r.count(AttackCounter.FRAMES_COMPLETED);
        if (whole > 0) {
            out.add(whole + " dripped frames arrived whole before the server closed: a frame takes "
                    + Range.number(frame.length * intervalNanos / 1e9) + " s, less than the server's idle timeout "
                    + "(raise --drip-interval)");
        }
        heldFailures(r, "dripping connections", out);
    }
}
