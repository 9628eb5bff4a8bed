package io.servercore.dummyclient.attack;

import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.protocol.S_Error;
import io.servercore.packet.Packet;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;

/**
 * One hostile client: one connection at a time, started at its cycle's time, driven by the
 * tick. Subclasses say what it sends when it opens ({@link #onOpen}), on each tick
 * ({@link #onTick}) and in answer to what it receives ({@link #onFrame}).
 *
 * <p>Touched only by the attack's tick, and by the runner after {@link Attack#stop} closed the gate.
 */
abstract class Attacker {
    private final Attack attack;
    final int index;
    final String room;
    final String name;
    private RawConnection conn;
    private boolean open;
    private long connectAt;
    long nextCycle;
    /** Connections started so far. */
    int cycles;
    private String awaiting;
    private long awaitingSince;
    private long deadline = Attack.NO_DEADLINE;
    private boolean closeIsAnswer;

    /** The {@code index}-th attacker of {@code attack}. */
    Attacker(Attack attack, int index) {
        this.attack = attack;
        this.index = index;
        this.room = attack.state.config.roomOf(index);
        this.name = attack.mode.attackerName(index);
    }

    /** Called once the connection is up; usually sends the attack's first bytes. */
    abstract void onOpen() throws IOException;

    /** Called on every tick while the connection is open and the attack is not finishing. */
    void onTick() throws IOException {
    }

    /** Called for each frame received (S_Error is counted before). */
    void onFrame(int id, ByteBuffer payload) throws IOException {
    }

    /** Called when the server closed the connection; {@code answered} if that was the answer. */
    void onServerClose(boolean answered) {
    }

    // ---- for subclasses ------------------------------------------------------------

    final void write(byte[] bytes, int offset, int length) throws IOException {
        conn.write(bytes, offset, length);
    }

    final void write(Packet packet) throws IOException {
        conn.write(packet);
        attack.metrics.add(AttackCounter.PACKETS_SENT);
    }

    /** Bytes written but not yet taken by the socket: the server is not reading. */
    final int pending() {
        return conn.pending();
    }

    /** The connection is waiting for {@code what}, due within {@link Attack#ANSWER_NANOS}. */
    final void await(String what) {
        awaiting = what;
        awaitingSince = attack.now;
        deadline = attack.now + Attack.ANSWER_NANOS;
        closeIsAnswer = false;
    }

    /** The connection did what the server must answer with a close, which is due within {@code timeout}. */
    final void awaitClose(String what, long timeout) {
        await(what);
        deadline = timeout == Attack.NO_DEADLINE ? Attack.NO_DEADLINE : attack.now + timeout;
        closeIsAnswer = true;
    }

    /** What was awaited has come. */
    final void answered() {
        awaiting = null;
        deadline = Attack.NO_DEADLINE;
        closeIsAnswer = false;
    }

    /** Sends a FIN; reading goes on until the server closes too. */
    final void shutdownOutput() throws IOException {
        conn.flush();
        conn.shutdownOutput();
    }

    /** Ends the connection from this side, with a FIN or a reset. */
    final void close(boolean reset) {
        attack.metrics.add(AttackCounter.CLOSED_BY_ATTACK);
        if (reset) {
            attack.metrics.add(AttackCounter.RESETS);
            conn.reset();
        } else {
            conn.close();
        }
        release(false);
    }

    // ---- the life of a connection ----------------------------------------------------

    final void step(boolean ending) {
        if (conn == null) {
            if (!ending && attack.now - nextCycle >= 0) {
                begin();
            }
            return;
        }
        try {
            if (!open) {
                if (ending) {
                    close(false);
                    return;
                }
                if (!conn.finishConnect()) {
                    if (attack.now - connectAt > Attack.ANSWER_NANOS) {
                        connectFailed("no connect within 5 s");
                    }
                    return;
                }
                open = true;
                attack.metrics.add(AttackCounter.OPENED);
                onOpen();
            }
            if (conn != null && attack.reads() && !conn.read(this::received)) {
                serverClosed(AttackCounter.SERVER_FIN, "FIN");
                return;
            }
            if (conn == null) {
                return;
            }
            if (attack.now - deadline > 0) {
                attack.metrics.add(AttackCounter.NOT_ANSWERED,
                        "no " + awaiting + " within " + Math.round((attack.now - awaitingSince) / 1e6) + " ms");
                close(false);
            } else if (ending && !(closeIsAnswer && deadline != Attack.NO_DEADLINE)) {
                end(attack.now);
            } else {
                if (!ending) {
                    onTick();
                }
                if (conn != null) {
                    conn.flush();
                }
            }
        } catch (ProtocolException e) {
            attack.metrics.add(AttackCounter.PROTOCOL_ERRORS, e.getMessage());
            if (conn != null) {
                close(false);
            }
        } catch (IOException e) {
            if (conn == null) {
                return; // the attacker had already ended it
            }
            if (open) {
                serverClosed(AttackCounter.SERVER_RST, String.valueOf(e.getMessage()));
            } else {
                connectFailed(String.valueOf(e.getMessage()));
            }
        }
    }

    /** At the end of the run: closes the connection, counting a close still awaited as open at the end. */
    final void end(long at) {
        if (conn == null) {
            return;
        }
        if (closeIsAnswer) {
            attack.metrics.openAtEnd(at - awaitingSince);
        }
        close(false);
    }

    private void begin() {
        cycles++;
        connectAt = attack.now;
        attack.metrics.add(AttackCounter.CONNECTS);
        attack.metrics.opened();
        try {
            conn = RawConnection.open(attack.server, attack.receiveBuffer());
        } catch (IOException e) {
            connectFailed(String.valueOf(e.getMessage()));
        }
    }

    private void received(int id, ByteBuffer payload) throws IOException {
        if (id == S_Error.ID) {
            int start = payload.position();
            attack.metrics.serverError(Attack.parse(() -> S_Error.read(payload)).code);
            payload.position(start);
        }
        onFrame(id, payload);
    }

    private void serverClosed(AttackCounter how, String detail) {
        attack.metrics.add(how);
        if (closeIsAnswer) {
            attack.metrics.add(AttackCounter.ANSWERED);
            attack.metrics.closeAfter.record(attack.now - awaitingSince);
        } else {
            attack.metrics.add(AttackCounter.UNEXPECTED_CLOSES, "closed by the server (" + detail + ")"
                    + (awaiting == null ? "" : " while waiting for " + awaiting));
        }
        onServerClose(closeIsAnswer);
        conn.close();
        release(false);
    }

    private void connectFailed(String detail) {
        attack.metrics.add(AttackCounter.CONNECT_FAILURES, detail);
        if (conn != null) {
            conn.close();
        }
        release(true);
    }

    private void release(boolean retry) {
        if (conn != null) {
            attack.metrics.add(AttackCounter.BYTES_SENT, conn.bytesWritten());
        }
        conn = null;
        open = false;
        answered();
        attack.metrics.ended();
        nextCycle = attack.cycleNanos == 0 ? attack.now : connectAt + attack.cycleNanos;
        if (retry) {
            nextCycle = Math.max(nextCycle, attack.now + Attack.RETRY_NANOS);
        }
    }
}