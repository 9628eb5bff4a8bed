package io.servercore.dummyclient;

import io.servercore.dummyclient.attack.Attack;
import io.servercore.dummyclient.attack.AttackResult;
import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.config.Mode;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.config.Target;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.metrics.Metrics;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.dummyclient.player.Connector;
import io.servercore.dummyclient.player.Pacer;
import io.servercore.dummyclient.player.PlayerSession;
import io.servercore.dummyclient.player.Targets;
import io.servercore.dummyclient.report.Progress;
import io.servercore.dummyclient.report.SwarmResult;
import io.servercore.net.IoCore;
import io.servercore.net.ServiceConfig;
import io.servercore.packet.PacketHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One run of the swarm, in-process: {@link #run(SwarmConfig, PrintWriter)} opens the sessions,
 * loads the server, lets what is in flight arrive, closes everything and returns what it saw.
 *
 * <p>The phases:
 * <ol>
 * <li><b>ramp</b>: the {@link Connector} opens sessions at the connect rate; each enters its
 *     room (chat mode) and starts its heartbeat. The ramp ends when every connect has ended
 *     and every connected session is in its room, was refused or closed; or, at the latest,
 *     {@value #RAMP_GRACE_SECONDS} s after the connect rate should have opened them all.
 * <li><b>load</b>: the {@link Pacer} starts every session's chats and moves (echo mode: its
 *     window of pings) at once, for the duration, or until no session is left. With
 *     {@code --attack}, the {@link Attack}s start after the first part of it
 *     ({@link SwarmConfig#calmNanos()}) and run to its end.
 * <li><b>drain</b>: no new sends; the attacks wind down (an attacker owed a close waits for
 *     it, up to its answer timeout) and close their connections; then waits until every chat,
 *     move and ping sent has arrived everywhere the room sizes predict and the players have
 *     seen every attacker leave, or nothing more has arrived for {@value #QUIET_MILLIS} ms, or
 *     {@value #DRAIN_MAX_SECONDS} s have passed.
 * <li>the swarm closes its sessions (those closes are no finding) and its engine.
 * </ol>
 *
 * <p>Threading: {@code run} blocks its caller for the whole run; that thread drives the
 * phases and prints the progress line. Sessions, connects, the pacer and the attacks' ticks run
 * on the swarm's own {@link IoCore} threads and share only the {@link SwarmState} (an attack
 * also its own metrics, which the runner reads).
 */
final class Swarm {
    static final int RAMP_GRACE_SECONDS = 10;
    static final int DRAIN_MAX_SECONDS = 10;
    static final int QUIET_MILLIS = 1000;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final SwarmState state;
    private final Metrics metrics;
    private final IoCore core;
    private final PrintWriter out;

    private Swarm(SwarmState state, IoCore core, PrintWriter out) {
        this.state = state;
        this.metrics = state.metrics;
        this.core = core;
        this.out = out;
    }

    /**
     * Runs the swarm described by {@code config} against its server.
     *
     * @param out where the progress line goes once a second; {@code null} for none
     * @throws IOException if the swarm's engine cannot start
     */
    static SwarmResult run(SwarmConfig config, PrintWriter out) throws IOException {
        try (IoCore core = new IoCore("swarm", config.threads(), config.transport())) {
            return new Swarm(new SwarmState(config), core, out).run();
        }
    }

    private SwarmResult run() {
        SwarmConfig config = state.config;
        Pacer pacer = new Pacer(state, config.threads());
        Targets targets = new Targets(core, config, target -> serviceConfig(config, target),
                index -> new PlayerSession(state, pacer, index));
        Connector connector = new Connector(targets, state);
        List<Attack> attacks = new ArrayList<>();
        for (AttackMode mode : config.attack().modes()) {
            attacks.add(Attack.create(mode, state));
        }
        Progress progress = new Progress(state, out, targets::queuedBytes, attacks);
        try {
            long start = System.nanoTime();
            pacer.start(core.timer());
            connector.start(core.timer());
            long rampDeadline = start + Math.round(config.clients() / config.connectRate() * 1e9)
                    + TimeUnit.SECONDS.toNanos(RAMP_GRACE_SECONDS);
            await(progress, "ramp", false, () -> rampDone(connector), rampDeadline);

            long loadStart = System.nanoTime();
            pacer.startLoad();
            long loadEnd = loadStart + Math.round(config.durationSeconds() * 1e9);
            // Players gone: the load is over. With no players at all, the attacks run their time.
            BooleanSupplier noPlayerLeft = () -> config.clients() > 0 && connector.done()
                    && metrics.openSessions() == 0;
            if (attacks.isEmpty()) {
                await(progress, "load", true, noPlayerLeft, loadEnd);
            } else {
                await(progress, "load", true, noPlayerLeft, loadStart + config.calmNanos());
                state.startAttacks();
                for (Attack attack : attacks) {
                    attack.start(core.timer());
                }
                await(progress, "attack", true, noPlayerLeft, loadEnd);
            }

            long stop = System.nanoTime();
            state.stop();
            connector.stop();
            pacer.stop();
            attacks.forEach(Attack::finish);
            long queuedAtStop = targets.queuedBytes();
            // Attackers still owed a close get it (or their answer timeout), then every attacker goes ...
            await(progress, "drain", false, () -> attacks.stream().allMatch(Attack::idle),
                    stop + Attack.ANSWER_NANOS + TimeUnit.SECONDS.toNanos(1));
            attacks.forEach(Attack::stop);
            // ... and the players see them leave while what they sent arrives.
            await(progress, "drain", false, new Settled(),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_MAX_SECONDS));
            long drained = System.nanoTime();

            state.markClosing();
            targets.close();
            targets.awaitSessionsClosed(5, TimeUnit.SECONDS);
            SwarmResult.Timeline timeline = new SwarmResult.Timeline(loadStart - start, stop - loadStart,
                    drained - stop, config.calmNanos());
            List<AttackResult> attackResults = attacks.stream().map(Attack::result).toList();
            return new SwarmResult(state, timeline, queuedAtStop, Math.max(queuedAtStop, progress.peakQueued()),
                    attackResults, progress.seconds());
        } finally {
            state.markClosing();
            connector.stop();
            attacks.forEach(Attack::stop);
            targets.close();
        }
    }

    /**
     * The engine settings of the swarm's client side: frames up to the protocol's 65,535 bytes,
     * and the water marks at which a player holds back its sends.
     */
    private static ServiceConfig serviceConfig(SwarmConfig config, Target target) {
        return ServiceConfig.builder().host(target.host()).port(target.port())
                .maxSessions(Math.max(1, config.clients())).maxFrameSize(PacketHeader.MAX_FRAME_SIZE)
                .writeBufferWaterMark(SwarmConfig.HOLD_BACK_BYTES / 2, SwarmConfig.HOLD_BACK_BYTES).build();
    }

    private boolean rampDone(Connector connector) {
        long settled = metrics.get(Counter.READY) + metrics.get(Counter.ENTRY_REFUSED)
                + metrics.get(Counter.CLOSED_BEFORE_READY);
        return connector.done() && settled >= metrics.get(Counter.CONNECTED);
    }

    /** Waits, printing progress, until {@code done} or the deadline. */
    private void await(Progress progress, String phase, boolean loading, BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return;
            }
            if (now - progress.nextNanos() >= 0) {
                progress.line(phase, loading);
            }
            LockSupport.parkNanos(Math.min(POLL_NANOS, deadline - now));
        }
    }

    /**
     * Whether the drain is over: everything sent arrived where predicted, no session is left,
     * or nothing has arrived for {@link #QUIET_MILLIS} (what is missing will not come).
     */
    private final class Settled implements BooleanSupplier {
        private long lastArrivals = -1;
        private long lastChange = System.nanoTime();

        @Override
        public boolean getAsBoolean() {
            if (metrics.openSessions() == 0
                    || (everythingArrived() && metrics.get(Counter.ATTACKERS_IN_VIEW) == 0)) {
                return true;
            }
            long arrivals = metrics.get(Counter.CHAT_DELIVERIES) + metrics.get(Counter.MOVE_DELIVERIES)
                    + metrics.get(Counter.PONGS) + metrics.get(Counter.SERVER_ERRORS)
                    + metrics.get(Counter.ATTACKER_LEAVES_SEEN);
            long now = System.nanoTime();
            if (arrivals != lastArrivals) {
                lastArrivals = arrivals;
                lastChange = now;
            }
            return now - lastChange > TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        }

        private boolean everythingArrived() {
            boolean pings = metrics.get(Counter.PONGS) + metrics.get(Counter.PINGS_DROPPED)
                    == metrics.get(Counter.PINGS_SENT);
            if (state.config.mode() == Mode.ECHO) {
                return pings;
            }
            return pings
                    && metrics.get(Counter.CHATS_ECHOED) == metrics.get(Counter.CHATS_SENT)
                    && metrics.get(Counter.CHAT_DELIVERIES) == metrics.get(Counter.CHAT_PREDICTED)
                    && metrics.get(Counter.MOVES_ECHOED) == metrics.get(Counter.MOVES_SENT)
                    && metrics.get(Counter.MOVE_DELIVERIES) == metrics.get(Counter.MOVE_PREDICTED);
        }
    }
}
