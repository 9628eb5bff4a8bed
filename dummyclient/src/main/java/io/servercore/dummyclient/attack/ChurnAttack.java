package io.servercore.dummyclient.attack;

import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.SwarmState;
import java.io.IOException;

/**
 * {@code --attack churn}: each cycle connects, enters a players' room, sends
 * {@value CycleAttack#CHATS} chats, waits for all of them to come back, then disconnects
 * gracefully: a FIN, reading on until the server closes its end too. Expected: every cycle
 * let in, echoed and closed by the server within {@link Attack#ANSWER_NANOS} of its FIN,
 * and the players seeing every churner leave. The soak runs this beside a steady load.
 *
 * <p>Threading: as every {@link Attack}, all on its tick.
 */
final class ChurnAttack extends CycleAttack {

    ChurnAttack(SwarmState state) {
        super(AttackMode.CHURN, state, AttackCounter.ANSWERED, "cycles closed cleanly", "its clean close");
    }

    @Override
    void leave(Member member, int echoes) throws IOException {
        if (echoes == CHATS) {
            member.shutdownOutput();
            member.awaitClose("server's close after a FIN", ANSWER_NANOS);
        }
    }

    @Override
    String closeAfterWhat() {
        return "after its FIN";
    }
}
