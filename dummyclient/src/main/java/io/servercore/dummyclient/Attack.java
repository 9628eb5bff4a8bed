package io.servercore.dummyclient;

import io.servercore.cli.Range;
import io.servercore.dummyclient.protocol.S_Error;
import io.servercore.job.Cancellable;
import io.servercore.job.JobTimer;
import io.servercore.packet.MalformedPacketException;
import io.servercore.packet.Packet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One attack of {@code --attack}: {@code --attackers} hostile connections that it opens,
 * drives and closes, cycle after cycle, while the normal players play, and what the server
 * did about them. A subclass says what one attacker does ({@link Attacker}) and what answer
 * it expects; this class runs the connections and judges the answers.
 *
 * <p>An attacker waits for at most one thing at a time: a packet ({@link Attacker#await}),
 * due within {@link #ANSWER_NANOS}, or the server's close ({@link Attacker#awaitClose}),
 * which is then the answer and is timed from the act that called for it. A close that comes
 * while nothing called for it is unexpected; an answer that does not come in time is counted
 * as not answered and ends the connection.
 *
 * <p>Attackers enter the normal players' rooms ({@code room-(i mod rooms)}) under names
 * starting {@value AttackMode#NAME_PREFIX}, which the players leave out of their room sizes.
 *
 * <p>Threading: every connection of an attack is touched only by its tick, which the
 * engine's {@link JobTimer} runs on an I/O thread every {@link #TICK_NANOS}, never two at
 * once (the timer orders each run after the previous), so attackers need no locks and no call
 * blocks. The runner calls {@link #start}, {@link #finish}, {@link #stop} and {@link #result}
 * from its own thread: {@code finish} is a volatile flag the tick reads; {@code stop} cancels
 * the tick, which waits out a tick under way, and only then closes what is left. The {@link AttackMetrics} are thread-safe and read by the runner.
 */
abstract class Attack implements Runnable {
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long an answer the protocol says comes at once (a close, S_EnterRoom, an echo) may take. */
    static final long ANSWER_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The wait before connecting again after a connect failed. */
    static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** For an answer that may take as long as the server is configured to take (an idle timeout). */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    final AttackMode mode;
    final SwarmState state;
    final AttackConfig settings;
    final AttackMetrics metrics = new AttackMetrics();
    private final InetSocketAddress server;
    /** Time between the starts of one attacker's connections; 0 = the next starts when one ends. */
    private final long cycleNanos;
    private final List<Attacker> attackers = new ArrayList<>();
    private volatile boolean finishing;
    /** When the attack started and when it was told to finish, on the run's clock; -1 before. */
    private volatile long startedAt = -1;
    private volatile long finishedAt = -1;
    private Cancellable tick;
    /** The run's clock at the start of the current tick; tick only. */
    long now;

    Attack(AttackMode mode, SwarmState state, long cycleNanos) {
        this.mode = mode;
        this.state = state;
        this.settings = state.config.attack();
        this.server = new InetSocketAddress(state.config.host(), state.config.port());
        this.cycleNanos = cycleNanos;
    }

    /** The attack {@code mode} names, on the run {@code state} describes. */
    static Attack create(AttackMode mode, SwarmState state) {
        return switch (mode) {
            case MALFORMED -> new MalformedAttack(state);
            case DRIP -> new DripAttack(state);
            case FLOOD -> new FloodAttack(state);
            case NEVER_READ -> new NeverReadAttack(state);
            case RESET -> new ResetAttack(state);
            case CHURN -> new ChurnAttack(state);
        };
    }

    /** A new attacker, the {@code index}-th of this attack. */
    abstract Attacker attacker(int index);

    /**
     * What the close-after figures measure from, e.g. "after the bad frame"; {@code null} for
     * an attack that expects no close from the server (and so has no such figures).
     */
    abstract String closeAfterWhat();

    /** Adds this attack's own figures to the common ones. */
    abstract void figures(AttackResult r, List<Figure> out);

    /** Adds what makes this attack's answer not the expected one. */
    abstract void failures(AttackResult r, List<String> out);

    /** The socket receive buffer the attackers ask for; 0 for the system's default. */
    int receiveBuffer() {
        return 0;
    }

    /** Whether attackers read what the server sends (and so see its FIN). */
    boolean reads() {
        return true;
    }

    /** Starts the attackers, spread over the first cycle, and the tick. */
    void start(JobTimer timer) {
        long at = state.now();
        startedAt = at;
        int n = settings.attackers();
        for (int i = 0; i < n; i++) {
            Attacker a = attacker(i);
            a.nextCycle = at + cycleNanos * i / n;
            attackers.add(a);
        }
        tick = timer.scheduleAtFixedRate(this, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    /** No new connections; each attacker ends what it does, waiting only for a close that is due. */
    void finish() {
        if (!finishing) {
            finishedAt = state.now();
            finishing = true;
        }
    }

    /** Seconds the attack ran, from its start to {@link #finish}. */
    double seconds() {
        long start = startedAt;
        long end = finishedAt < 0 ? state.now() : finishedAt;
        return start < 0 ? 0 : (end - start) / 1e9;
    }

    /** Whether no connection is open (after {@link #finish}: whether the attack has wound down). */
    boolean idle() {
        return metrics.open() == 0;
    }

    /**
     * Stops the tick, waits until no tick runs, and closes every connection still open (one
     * still waiting for the server's close is counted as open at the end, with how long it
     * has waited).
     */
    void stop() {
        finish();
        if (tick != null) {
            tick.cancel(); // returns once no tick runs, and none will
        }
        long at = state.now();
        for (Attacker a : attackers) {
            a.end(at);
        }
    }

    @Override
    public void run() {
        now = state.now();
        boolean ending = finishing;
        for (Attacker a : attackers) {
            a.step(ending);
        }
    }

    /** The figures and verdict of this attack, once {@link #stop} has returned. */
    AttackResult result() {
        return AttackResult.of(this);
    }

    /** The figures every attack has; {@link #figures} adds its own after them. */
    List<Figure> commonFigures(AttackResult r) {
        List<Figure> f = new ArrayList<>(List.of(
                Figure.count("attackers", "attackers", settings.attackers()),
                Figure.count("connects", "connections", r.count(AttackCounter.CONNECTS)),
                Figure.count("connectFailures", "connect failures", r.count(AttackCounter.CONNECT_FAILURES)),
                Figure.count("serverFin", "closed by the server, FIN", r.count(AttackCounter.SERVER_FIN)),
                Figure.count("serverRst", "closed by the server, RST", r.count(AttackCounter.SERVER_RST)),
                Figure.count("answered", "closes that were the answer", r.count(AttackCounter.ANSWERED)),
                Figure.count("unexpectedCloses", "closes the attack did not expect",
                        r.count(AttackCounter.UNEXPECTED_CLOSES)),
                Figure.count("notAnswered", "answers not in time (5 s)", r.count(AttackCounter.NOT_ANSWERED)),
                Figure.count("protocolErrors", "bad frames from the server", r.count(AttackCounter.PROTOCOL_ERRORS)),
                Figure.count("closedByAttack", "closed by the attack", r.count(AttackCounter.CLOSED_BY_ATTACK)),
                Figure.count("openAtEnd", "awaiting a close at the end", r.count(AttackCounter.OPEN_AT_END)),
                Figure.text("errors", "S_Error received", errors(r.errorsByCode()))));
        String after = closeAfterWhat();
        if (after != null) {
            Histogram h = r.closeAfter();
            boolean any = h.getTotalCount() > 0;
            f.add(6, Figure.real("closeAfterP50Ms", "closed " + after + ", p50",
                    any ? h.getValueAtPercentile(50) / 1000.0 : Double.NaN, 3, "ms"));
            f.add(7, Figure.real("closeAfterMaxMs", "closed " + after + ", max",
                    any ? h.getMaxValue() / 1000.0 : Double.NaN, 3, "ms"));
        }
        return f;
    }

    /** What makes any attack fail: connects that failed, closes nobody asked for, answers that did not come. */
    void commonFailures(AttackResult r, List<String> out) {
        if (r.count(AttackCounter.CONNECTS) == 0) {
            out.add("no connection was made (the run ended before the attack started?)");
        }
        long failed = r.count(AttackCounter.CONNECT_FAILURES);
        if (failed > 0) {
            out.add(failed + " of " + r.count(AttackCounter.CONNECTS) + " connects failed"
                    + r.first(AttackCounter.CONNECT_FAILURES));
        }
        long unexpected = r.count(AttackCounter.UNEXPECTED_CLOSES);
        if (unexpected > 0) {
            out.add("the server closed " + unexpected + " connections that had not asked for it"
                    + r.first(AttackCounter.UNEXPECTED_CLOSES));
        }
        long late = r.count(AttackCounter.NOT_ANSWERED);
        if (late > 0) {
            out.add(late + " answers did not come within " + TimeUnit.NANOSECONDS.toSeconds(ANSWER_NANOS) + " s"
                    + r.first(AttackCounter.NOT_ANSWERED));
        }
        long broken = r.count(AttackCounter.PROTOCOL_ERRORS);
        if (broken > 0) {
            out.add(broken + " frames from the server broke the protocol" + r.first(AttackCounter.PROTOCOL_ERRORS));
        }
    }

    /**
     * The verdict of an attack that holds its connections until the server closes them (drip,
     * never-read): some must have been closed, and none still open at the end may have waited
     * much longer than the slowest close seen (twice it, plus a second).
     */
    static void heldFailures(AttackResult r, String what, List<String> out) {
        long closed = r.count(AttackCounter.ANSWERED);
        if (closed == 0 && r.count(AttackCounter.CONNECTS) > 0) {
            out.add("the server closed none of its " + r.count(AttackCounter.CONNECTS) + " " + what);
            return;
        }
        long slowest = r.closeAfter().getMaxValue() * 1000;
        long oldest = r.oldestOpenAtEnd();
        if (closed > 0 && oldest > 2 * slowest + TimeUnit.SECONDS.toNanos(1)) {
            out.add(r.count(AttackCounter.OPEN_AT_END) + " " + what + " were still open at the end, the oldest after "
                    + Range.number(Math.round(oldest / 1e6) / 1000.0) + " s; the slowest close seen took "
                    + Range.number(Math.round(slowest / 1e6) / 1000.0) + " s");
        }
    }

    private static String errors(Map<Integer, Long> byCode) {
        return byCode.isEmpty() ? "none" : ErrorCodes.describe(byCode);
    }

    /**
     * One hostile client: one connection at a time, started at its cycle's time, driven by the
     * tick. Subclasses say what it sends when it opens ({@link #onOpen}), on each tick
     * ({@link #onTick}) and in answer to what it receives ({@link #onFrame}).
     *
     * <p>Touched only by the attack's tick, and by the runner after {@link #stop} closed the gate.
     */
    abstract class Attacker {
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
        private long deadline = NO_DEADLINE;
        private boolean closeIsAnswer;

        Attacker(int index) {
            this.index = index;
            this.room = state.config.roomOf(index);
            this.name = mode.attackerName(index);
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
            metrics.add(AttackCounter.PACKETS_SENT);
        }

        /** Bytes written but not yet taken by the socket: the server is not reading. */
        final int pending() {
            return conn.pending();
        }

        /** The connection is waiting for {@code what}, due within {@link #ANSWER_NANOS}. */
        final void await(String what) {
            awaiting = what;
            awaitingSince = now;
            deadline = now + ANSWER_NANOS;
            closeIsAnswer = false;
        }

        /** The connection did what the server must answer with a close, which is due within {@code timeout}. */
        final void awaitClose(String what, long timeout) {
            await(what);
            deadline = timeout == NO_DEADLINE ? NO_DEADLINE : now + timeout;
            closeIsAnswer = true;
        }

        /** What was awaited has come. */
        final void answered() {
            awaiting = null;
            deadline = NO_DEADLINE;
            closeIsAnswer = false;
        }

        /** Sends a FIN; reading goes on until the server closes too. */
        final void shutdownOutput() throws IOException {
            conn.flush();
            conn.shutdownOutput();
        }

        /** Ends the connection from this side, with a FIN or a reset. */
        final void close(boolean reset) {
            metrics.add(AttackCounter.CLOSED_BY_ATTACK);
            if (reset) {
                metrics.add(AttackCounter.RESETS);
                conn.reset();
            } else {
                conn.close();
            }
            release(false);
        }

        // ---- the life of a connection ----------------------------------------------------

        final void step(boolean ending) {
            if (conn == null) {
                if (!ending && now - nextCycle >= 0) {
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
                        if (now - connectAt > ANSWER_NANOS) {
                            connectFailed("no connect within 5 s");
                        }
                        return;
                    }
                    open = true;
                    metrics.add(AttackCounter.OPENED);
                    onOpen();
                }
                if (conn != null && reads() && !conn.read(this::received)) {
                    serverClosed(AttackCounter.SERVER_FIN, "FIN");
                    return;
                }
                if (conn == null) {
                    return;
                }
                if (now - deadline > 0) {
                    metrics.add(AttackCounter.NOT_ANSWERED,
                            "no " + awaiting + " within " + Math.round((now - awaitingSince) / 1e6) + " ms");
                    close(false);
                } else if (ending && !(closeIsAnswer && deadline != NO_DEADLINE)) {
                    end(now);
                } else {
                    if (!ending) {
                        onTick();
                    }
                    if (conn != null) {
                        conn.flush();
                    }
                }
            } catch (ProtocolException e) {
                metrics.add(AttackCounter.PROTOCOL_ERRORS, e.getMessage());
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
                metrics.openAtEnd(at - awaitingSince);
            }
            close(false);
        }

        private void begin() {
            cycles++;
            connectAt = now;
            metrics.add(AttackCounter.CONNECTS);
            metrics.opened();
            try {
                conn = RawConnection.open(server, receiveBuffer());
            } catch (IOException e) {
                connectFailed(String.valueOf(e.getMessage()));
            }
        }

        private void received(int id, ByteBuffer payload) throws IOException {
            if (id == S_Error.ID) {
                int start = payload.position();
                metrics.serverError(parse(() -> S_Error.read(payload)).code);
                payload.position(start);
            }
            onFrame(id, payload);
        }

        private void serverClosed(AttackCounter how, String detail) {
            metrics.add(how);
            if (closeIsAnswer) {
                metrics.add(AttackCounter.ANSWERED);
                metrics.closeAfter.record(now - awaitingSince);
            } else {
                metrics.add(AttackCounter.UNEXPECTED_CLOSES, "closed by the server (" + detail + ")"
                        + (awaiting == null ? "" : " while waiting for " + awaiting));
            }
            onServerClose(closeIsAnswer);
            conn.close();
            release(false);
        }

        private void connectFailed(String detail) {
            metrics.add(AttackCounter.CONNECT_FAILURES, detail);
            if (conn != null) {
                conn.close();
            }
            release(true);
        }

        private void release(boolean retry) {
            if (conn != null) {
                metrics.add(AttackCounter.BYTES_SENT, conn.bytesWritten());
            }
            conn = null;
            open = false;
            answered();
            metrics.ended();
            nextCycle = cycleNanos == 0 ? now : connectAt + cycleNanos;
            if (retry) {
                nextCycle = Math.max(nextCycle, now + RETRY_NANOS);
            }
        }
    }

    /** A packet parse whose failure is the server's fault: a {@link ProtocolException}. */
    static <T> T parse(Supplier<T> read) throws ProtocolException {
        try {
            return read.get();
        } catch (MalformedPacketException e) {
            throw new ProtocolException("the server sent a malformed packet: " + e.getMessage());
        }
    }
}
