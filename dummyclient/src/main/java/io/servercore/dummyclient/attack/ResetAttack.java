package io.servercore.dummyclient.attack;

import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.dummyclient.protocol.C_Chat;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code --attack reset}: each cycle connects, enters a players' room, sends
 * {@value CycleAttack#CHATS} chats and, when the first comes back (the others still on their
 * way, the room's traffic flowing to it), writes half a frame and closes with a reset
 * ({@code SO_LINGER 0}). Expected: every cycle let in and answered, no close from the
 * server, and the players seeing every reset member leave.
 *
 * <p>Threading: as every {@link Attack}, all on its tick.
 */
final class ResetAttack extends CycleAttack {
    private final byte[] halfFrame;

    ResetAttack(SwarmState state) {
        super(AttackMode.RESET, state, AttackCounter.RESETS, "reset mid-traffic", "its reset");
        byte[] chat = RawConnection.bytes(new C_Chat("cut short by a reset"));
        this.halfFrame = Arrays.copyOf(chat, chat.length / 2);
    }

    @Override
    void leave(Member member, int echoes) throws IOException {
        if (echoes == 1) {
            member.write(halfFrame, 0, halfFrame.length);
            member.close(true);
        }
    }

    @Override
    String closeAfterWhat() {
        return null; // the server has no reason to close
    }
}
