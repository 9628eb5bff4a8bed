package io.servercore.dummyclient.player;

import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.config.Mode;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.metrics.Latency;
import io.servercore.dummyclient.metrics.Metrics;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.dummyclient.protocol.C_Chat;
import io.servercore.dummyclient.protocol.C_EnterRoom;
import io.servercore.dummyclient.protocol.C_Move;
import io.servercore.dummyclient.protocol.C_Ping;
import io.servercore.dummyclient.protocol.ClientPacketManager;
import io.servercore.dummyclient.protocol.S_BroadcastEnter;
import io.servercore.dummyclient.protocol.S_BroadcastLeave;
import io.servercore.dummyclient.protocol.S_BroadcastMove;
import io.servercore.dummyclient.protocol.S_Chat;
import io.servercore.dummyclient.protocol.S_EnterRoom;
import io.servercore.dummyclient.protocol.S_Error;
import io.servercore.dummyclient.protocol.S_Pong;
import io.servercore.net.DisconnectReason;
import io.servercore.net.PacketSession;
import io.servercore.packet.Packet;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One player of the swarm: enters its room, sends what the {@link Pacer} tells it to, and
 * checks and counts what it receives into the run's {@link Metrics}.
 *
 * <p>What it measures. Its own chats coming back give the chat latency (from the due time
 * the chat carries, see {@link ChatText}) and, with the size of its room at that moment, the
 * deliveries the room predicts for that chat. Every chat it receives is checked against the
 * sender's order ({@link SenderOrder}). Its view of the room size follows the server's own
 * order: the others listed in its S_EnterRoom (joined over several frames if need be), plus
 * S_BroadcastEnter, minus S_BroadcastLeave, plus itself; the server broadcasts in the order it
 * accepts, so when its own chat comes back the view is the room that chat was delivered to.
 *
 * <p>Attackers ({@code --attack}) share the players' rooms under names {@link AttackMode#isAttacker}
 * knows. A session keeps them apart: they are not in its room size (the swarm counts only
 * what players receive), their chats and moves are counted as seen but not checked, and the
 * run adds up, over all sessions, how many attackers each still sees in its room, which must
 * be none once every attacker has gone.
 *
 * <p>Threading. Two callers, each with its own state, and what they share:
 * <ul>
 * <li>the receive side ({@code onConnected}, {@code onRecvPacket}, {@code onDisconnected}) on
 *     I/O threads, one call at a time: player id, room size, attackers in the room, order table;
 * <li>the pacer's tick ({@link #fire}) on an I/O thread, one at a time per session: chat
 *     and move sequence numbers;
 * <li>both: the echo window count, which is atomic, and {@code send}, which is thread-safe.
 * </ul>
 * The runner reads nothing of a session but its {@code queuedBytes()}; all it learns comes
 * through the {@link Metrics}.
 */
public final class PlayerSession extends PacketSession {
    private static final ClientPacketManager<PlayerSession> PACKETS =
            new ClientPacketManager<>(new PlayerHandler(), PlayerSession::malformed);

    private final SwarmState state;
    private final Metrics metrics;
    private final Pacer pacer;
    private final int index;

    // ---- receive side ----
    private int playerId;
    private int roomSize;
    /** Whether the last packet was S_EnterRoom, so another one continues its member list. */
    private boolean enterContinues;
    private boolean refused;
    private final SenderOrder order = new SenderOrder();
    /** Player ids of the attackers in this session's room. */
    private final Set<Integer> attackers = new HashSet<>();
    private boolean ready;

    // ---- pacer side ----
    private long chatSeq;
    private long moveSeq;

    // ---- both ----
    private final AtomicInteger pingsInFlight = new AtomicInteger();

    /**
     * @param index this session's place in connect order, from 0: picks its room, its name
     *              and its phase on the pacer's grid
     */
    public PlayerSession(SwarmState state, Pacer pacer, int index) {
        this.state = state;
        this.metrics = state.metrics;
        this.pacer = pacer;
        this.index = index;
    }

    int index() {
        return index;
    }

    // ---- receive side --------------------------------------------------------------------

    @Override
    protected void onConnected() {
        metrics.add(Counter.CONNECTED);
        if (state.config.mode() == Mode.ECHO) {
            becomeReady();
        } else {
            sendPacket(new C_EnterRoom(state.config.roomOf(index), "p" + index));
        }
    }

    @Override
    protected void onRecvPacket(int id, ByteBuffer payload) {
        boolean enter = id == S_EnterRoom.ID;
        PACKETS.dispatch(this, id, payload);
        enterContinues = enter;
    }

    @Override
    protected void onDisconnected(DisconnectReason reason) {
        metrics.add(Counter.DISCONNECTS);
        if (!ready && !refused) {
            metrics.add(Counter.CLOSED_BEFORE_READY);
        }
        if (!state.closing()) {
            metrics.unexpectedDisconnect(reason);
            metrics.add(Counter.ATTACKERS_IN_VIEW, -attackers.size()); // a view that is gone sees no one
        }
    }

    private static void malformed(PlayerSession session, String detail) {
        session.metrics.protocolError(detail);
        session.violation(detail);
    }

    void onEnterRoom(S_EnterRoom packet) {
        if (enterContinues && ready && packet.playerId == playerId && packet.room.equals(state.config.roomOf(index))) {
            roomSize += players(packet);
        } else if (ready || refused || state.config.mode() == Mode.ECHO) {
            metrics.add(Counter.UNEXPECTED_PACKETS);
        } else {
            playerId = packet.playerId;
            roomSize = 1 + players(packet);
            becomeReady();
        }
    }

    /** The players among the others an S_EnterRoom lists; the attackers among them are noted apart. */
    private int players(S_EnterRoom packet) {
        int players = 0;
        for (S_EnterRoom.Player member : packet.player) {
            if (AttackMode.isAttacker(member.name)) {
                attackerEntered(member.playerId);
            } else {
                players++;
            }
        }
        return players;
    }

    private void attackerEntered(int id) {
        if (attackers.add(id)) {
            metrics.add(Counter.ATTACKERS_IN_VIEW);
        }
    }

    void onBroadcastEnter(S_BroadcastEnter packet) {
        if (AttackMode.isAttacker(packet.name)) {
            attackerEntered(packet.playerId);
        } else {
            roomSize++;
        }
    }

    void onBroadcastLeave(S_BroadcastLeave packet) {
        if (attackers.remove(packet.playerId)) {
            metrics.add(Counter.ATTACKERS_IN_VIEW, -1);
            metrics.add(Counter.ATTACKER_LEAVES_SEEN);
        } else {
            roomSize--;
        }
    }

    void onChat(S_Chat packet) {
        if (attackers.contains(packet.playerId)) {
            metrics.add(Counter.ATTACKER_PACKETS_SEEN);
            return;
        }
        metrics.add(Counter.CHAT_DELIVERIES);
        long seq = ChatText.seq(packet.chat);
        if (!ready || seq < 0) {
            metrics.add(Counter.UNEXPECTED_PACKETS);
            return;
        }
        long skipped = order.check(packet.playerId, seq);
        if (skipped == SenderOrder.OUT_OF_ORDER) {
            metrics.add(Counter.ORDER_VIOLATIONS);
        } else if (skipped > 0) {
            metrics.add(Counter.ORDER_GAPS, skipped);
        }
        if (packet.playerId == playerId) {
            metrics.add(Counter.CHATS_ECHOED);
            metrics.add(Counter.CHAT_PREDICTED, roomSize);
            long sentAt = ChatText.time(packet.chat);
            if (sentAt >= 0) {
                long latency = state.now() - sentAt;
                metrics.chatLatency.record(latency);
                if (state.config.attack().any()) {
                    Latency part = sentAt < state.attackStart() ? metrics.chatLatencyCalm : metrics.chatLatencyAttacked;
                    part.record(latency);
                }
            }
        }
    }

    void onBroadcastMove(S_BroadcastMove packet) {
        if (attackers.contains(packet.playerId)) {
            metrics.add(Counter.ATTACKER_PACKETS_SEEN);
            return;
        }
        metrics.add(Counter.MOVE_DELIVERIES);
        if (ready && packet.playerId == playerId) {
            metrics.add(Counter.MOVES_ECHOED);
            metrics.add(Counter.MOVE_PREDICTED, roomSize);
        }
    }

    void onPong(S_Pong packet) {
        metrics.add(Counter.PONGS);
        metrics.pingRtt.record(state.now() - packet.time);
        if (state.config.mode() == Mode.ECHO) {
            pingsInFlight.decrementAndGet();
            refill();
        }
    }

    void onError(S_Error packet) {
        metrics.serverError(packet.code);
        if (state.config.mode() == Mode.ECHO) {
            if (packet.code == 3) {
                // Rate limited: one of the pings in flight was dropped; the pacer tops up later.
                metrics.add(Counter.PINGS_DROPPED);
                pingsInFlight.decrementAndGet();
            }
        } else if (!ready && !refused && packet.code != 3) {
            // The answer to C_EnterRoom: room full or name refused. This session will not play.
            refused = true;
            metrics.add(Counter.ENTRY_REFUSED);
        }
    }

    private void becomeReady() {
        ready = true;
        metrics.add(Counter.READY);
        pacer.add(this);
    }

    // ---- pacer side ----------------------------------------------------------------------

    /**
     * A slot of {@code kind} is due at {@code due} (run clock): send it, unless the session is
     * not writable (more than {@link io.servercore.dummyclient.config.SwarmConfig#HOLD_BACK_BYTES}
     * waited unsent and have not drained to half of it yet), in which case the slot is counted as
     * held back.
     */
    void fire(Pacer.Kind kind, long due) {
        if (kind == Pacer.Kind.REFILL) {
            refill();
            return;
        }
        if (!isWritable()) {
            metrics.add(kind.held);
            return;
        }
        Packet packet = switch (kind) {
            case CHAT -> new C_Chat(ChatText.format(chatSeq + 1, due, state.config.payload()));
            case MOVE -> nextMove();
            default -> new C_Ping(due);
        };
        if (sendPacket(packet)) {
            metrics.add(kind.sent);
            if (kind == Pacer.Kind.CHAT) {
                chatSeq++;
            }
        }
    }

    /** A step along a circle around the origin, starting at a different angle for each session. */
    private C_Move nextMove() {
        double angle = index * 0.618 + moveSeq++ * 0.1;
        return new C_Move((float) (10 * Math.cos(angle)), 0f, (float) (10 * Math.sin(angle)));
    }

    // ---- both ----------------------------------------------------------------------------

    /** Echo mode: sends pings until the window is full again, unless the load is over. */
    private void refill() {
        int window = state.config.window();
        while (!state.stopping()) {
            int inFlight = pingsInFlight.get();
            if (inFlight >= window) {
                return;
            }
            if (pingsInFlight.compareAndSet(inFlight, inFlight + 1)) {
                if (sendPacket(new C_Ping(state.now()))) {
                    metrics.add(Counter.PINGS_SENT);
                } else {
                    return;
                }
            }
        }
    }

    /** Writes and queues one packet; {@code send} takes the slice over, sent or not. */
    private boolean sendPacket(Packet packet) {
        return send(packet.write(service().config().pool()));
    }
}
