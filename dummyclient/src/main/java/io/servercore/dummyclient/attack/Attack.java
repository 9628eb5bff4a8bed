package io.servercore.dummyclient.attack;

import io.servercore.cli.Range;
import io.servercore.dummyclient.config.AttackConfig;
import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.AttackMetrics;
import io.servercore.dummyclient.metrics.ErrorCodes;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.job.Cancellable;
import io.servercore.job.JobTimer;
import io.servercore.packet.MalformedPacketException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
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
 * the tick, which waits out a tick under way, and only then closes what is left. The
 * {@link AttackMetrics} are thread-safe and read by the runner.
 */
public abstract class Attack implements Runnable {
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long an answer the protocol says comes at once (a close, S_EnterRoom, an echo) may take. */
    public static final long ANSWER_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The wait before connecting again after a connect failed. */
    static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** For an answer that may take as long as the server is configured to take (an idle timeout). */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    final AttackMode mode;
    final SwarmState state;
    final AttackConfig settings;
    public final AttackMetrics metrics = new AttackMetrics();
    final InetSocketAddress server;
    /** Time between the starts of one attacker's connections; 0 = the next starts when one ends. */
    final long cycleNanos;
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
    public static Attack create(AttackMode mode, SwarmState state) {
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
    public void start(JobTimer timer) {
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
    public void finish() {
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
    public boolean idle() {
        return metrics.open() == 0;
    }

    /**
     * Stops the tick, waits until no tick runs, and closes every connection still open (one
     * still waiting for the server's close is counted as open at the end, with how long it
     * has waited).
     */
    public void stop() {
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
    public AttackResult result() {
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

    /** A packet parse whose failure is the server's fault: a {@link ProtocolException}. */
    static <T> T parse(Supplier<T> read) throws ProtocolException {
        try {
            return read.get();
        } catch (MalformedPacketException e) {
            throw new ProtocolException("the server sent a malformed packet: " + e.getMessage());
        }
    }
}
