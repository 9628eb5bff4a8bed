package io.servercore.dummyclient.attack;

import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.dummyclient.protocol.C_Chat;
import io.servercore.dummyclient.protocol.C_EnterRoom;
import io.servercore.dummyclient.protocol.C_LeaveRoom;
import io.servercore.dummyclient.protocol.C_Move;
import io.servercore.dummyclient.protocol.C_Ping;
import io.servercore.dummyclient.protocol.S_Chat;
import io.servercore.dummyclient.protocol.S_EnterRoom;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code --attack malformed}: each connection enters its room and then writes one bad frame,
 * the next of the {@link #KINDS} in turn over all attackers; the protocol says the server
 * closes such a session at once and answers nothing. Expected: every bad frame closed
 * within {@link Attack#ANSWER_NANOS}, timed from the write. One connection per attacker
 * per {@code 1/--cycle-rate} seconds.
 *
 * <p>The kinds assume the server's inbound limit is the protocol's default, 4096: against a
 * larger one the two oversize headers wait for their payload instead and are reported as
 * not closed.
 *
 * <p>Threading: as every {@link Attack}, all on its tick; the per-kind counts are
 * {@link LongAdder}s the runner reads once the attack has stopped.
 */
final class MalformedAttack extends Attack {
    /** One kind of bad frame: its key and words in the report, and its bytes (none: random bytes). */
    private record Kind(String key, String label, byte[] bytes) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("size0", "size 0", header(0, C_Chat.ID, 6)),
            new Kind("size1", "size 1", header(1, C_Chat.ID, 6)),
            new Kind("size2", "size 2", header(2, C_Chat.ID, 6)),
            new Kind("size3", "size 3", header(3, C_Chat.ID, 6)),
            new Kind("size4097", "size 4097, above the limit", header(4097, C_Chat.ID, 64)),
            new Kind("size65535", "size 65535", header(65535, C_Chat.ID, 64)),
            new Kind("id0", "unknown id 0", frame(0)),
            new Kind("id13", "unknown id 13", frame(13)),
            new Kind("id65535", "unknown id 65535", frame(65535, 0, 0, 0, 0, 0, 0, 0, 0)),
            new Kind("sChat", "S_Chat id from a client", frame(S_Chat.ID, 1, 0, 0, 0, 2, 0, 'h', 'i')),
            new Kind("sEnterRoom", "S_EnterRoom id from a client", frame(S_EnterRoom.ID)),
            new Kind("truncatedString", "string past the frame", frame(C_Chat.ID, 9, 0, 'a', 'b')),
            new Kind("truncatedFloat", "C_Move a float short", frame(C_Move.ID, 0, 0, 0x80, 0x3F, 0, 0)),
            new Kind("truncatedLong", "C_Ping long truncated", frame(C_Ping.ID, 1, 2, 3, 4)),
            new Kind("trailingByte", "C_Chat with a trailing byte", frame(C_Chat.ID, 1, 0, 'a', 'z')),
            new Kind("leaveWithPayload", "C_LeaveRoom with a payload", frame(C_LeaveRoom.ID, 0)),
            new Kind("badUtf8", "invalid UTF-8 in a chat", frame(C_Chat.ID, 2, 0, 0xC3, 0x28)),
            new Kind("surrogate", "UTF-8 surrogate in a chat", frame(C_Chat.ID, 3, 0, 0xED, 0xA0, 0x80)),
            new Kind("badUtf8Name", "invalid UTF-8 in a name", frame(C_EnterRoom.ID, 1, 0, 'r', 1, 0, 0xFF)),
            new Kind("random", "random bytes", null));

    private final LongAdder[] sent = adders();
    private final LongAdder[] closed = adders();
    /** Tick only. */
    private final SplittableRandom random = new SplittableRandom();

    MalformedAttack(SwarmState state) {
        super(AttackMode.MALFORMED, state, SwarmConfig.intervalNanos(state.config.attack().cycleRate()));
    }

    @Override
    Attacker attacker(int index) {
        return new Attacker(this, index) {
            private int kind;

            @Override
            void onOpen() throws IOException {
                kind = ((cycles - 1) * settings.attackers() + index) % KINDS.size();
                write(new C_EnterRoom(room, name));
                byte[] bad = bytesOf(KINDS.get(kind));
                write(bad, 0, bad.length);
                sent[kind].increment();
                awaitClose("close after a bad frame (" + KINDS.get(kind).label() + ")", ANSWER_NANOS);
            }

            @Override
            void onServerClose(boolean answered) {
                if (answered) {
                    closed[kind].increment();
                }
            }
        };
    }

    /**
     * Noise, then zeros: whatever frame the noise starts, the zeros complete it and then read
     * as a frame of size 0, so the server has a violation to close on whatever the dice say.
     */
    private byte[] bytesOf(Kind kind) {
        if (kind.bytes() != null) {
            return kind.bytes();
        }
        byte[] noise = new byte[1 + random.nextInt(300) + 8192];
        for (int i = 0; i < noise.length - 8192; i++) {
            noise[i] = (byte) random.nextInt(256);
        }
        return noise;
    }

    @Override
    String closeAfterWhat() {
        return "after the bad frame";
    }

    @Override
    void figures(AttackResult r, List<Figure> out) {
        for (int i = 0; i < KINDS.size(); i++) {
            Kind kind = KINDS.get(i);
            out.add(Figure.text(kind.key(), kind.label(), closed[i].sum() + " of " + sent[i].sum() + " closed"));
        }
    }

    @Override
    void failures(AttackResult r, List<String> out) {
        StringBuilder open = new StringBuilder();
        for (int i = 0; i < KINDS.size(); i++) {
            long left = sent[i].sum() - closed[i].sum();
            if (left > 0) {
                open.append(open.length() == 0 ? "" : ", ").append(KINDS.get(i).label()).append(" x").append(left);
            }
        }
        if (open.length() > 0) {
            out.add("the server did not close after these bad frames: " + open);
        }
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[KINDS.size()];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    /** A frame whose size field says {@code size}, followed by {@code payload} zero bytes whatever it says. */
    private static byte[] header(int size, int id, int payload) {
        return ByteBuffer.allocate(4 + payload).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) size).putShort((short) id).array();
    }

    /** A frame of {@code id} with the given payload bytes (ints for readability, each cut to a byte). */
    private static byte[] frame(int id, int... payload) {
        byte[] bytes = header(4 + payload.length, id, payload.length);
        for (int i = 0; i < payload.length; i++) {
            bytes[4 + i] = (byte) payload[i];
        }
        return bytes;
    }
}
