package io.servercore.dummyclient.player;

import io.servercore.dummyclient.config.Mode;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.metrics.SwarmState;
import io.servercore.job.Cancellable;
import io.servercore.job.JobTimer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decides when each session sends: every session sends each kind of packet on its own even
 * grid, {@code phase + k * interval} on the run's clock, with phases spread evenly over the
 * sessions (and offset between kinds), so the swarm as a whole sends smoothly instead of in
 * bursts.
 *
 * <p>Never faster than asked: a slot is sent at or after its time, at most one slot of a kind
 * per session per tick, and slots that a late tick has fully missed are skipped and counted
 * ({@link Kind#late}), not sent in a burst to catch up. Whether a due slot is really sent or
 * held back because the server is not reading is the session's call
 * ({@link PlayerSession#fire}).
 *
 * <p>Chats and moves (and echo mode's window) start together for every session at
 * {@link #startLoad}, so a room is full before its first chat; heartbeat pings start as soon
 * as a session is ready, to keep it alive through a long ramp.
 *
 * <p>Threading: sessions are split over shards, one per I/O thread. Each shard's schedule is
 * touched only by its tick, which the {@link JobTimer} of the swarm's engine runs on an I/O
 * thread every millisecond, never two of one shard at once, so that sends start where NIO.2
 * writes at once. {@link #add}, {@link #startLoad} and {@link #stop} may be called from any
 * thread; they talk to the ticks through a concurrent queue and volatile fields.
 */
public final class Pacer {
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How often echo mode tops each session's window up again after the server dropped pings. */
    static final long REFILL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** What a slot makes a session do, and the counters of its shortfall. */
    public enum Kind {
        CHAT(Counter.CHATS_SENT, Counter.CHATS_LATE, Counter.CHATS_HELD, 0.0, true),
        MOVE(Counter.MOVES_SENT, Counter.MOVES_LATE, Counter.MOVES_HELD, 1.0 / 3, true),
        PING(Counter.PINGS_SENT, Counter.PINGS_LATE, Counter.PINGS_HELD, 2.0 / 3, false),
        /** Echo mode: top the window of pings in flight up; not a send of its own. */
        REFILL(null, null, null, 0.5, true);

        /** Sends made; {@code null} for REFILL, which counts none of its own. */
        public final Counter sent;
        /** Slots skipped because a tick came too late. */
        public final Counter late;
        /** Slots skipped because the session had too much queued unsent. */
        public final Counter held;
        /** Where in its interval this kind's grid starts, as a fraction of the interval. */
        final double phaseOffset;
        /** Whether it waits for {@link #startLoad}. */
        final boolean load;

        Kind(Counter sent, Counter late, Counter held, double phaseOffset, boolean load) {
            this.sent = sent;
            this.late = late;
            this.held = held;
            this.phaseOffset = phaseOffset;
            this.load = load;
        }
    }

    private final SwarmState state;
    private final Shard[] shards;
    private final List<Cancellable> ticks = new ArrayList<>();
    /** When the load started, on the run's clock; -1 before. */
    private volatile long loadStart = -1;

    public Pacer(SwarmState state, int shardCount) {
        this.state = state;
        this.shards = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new Shard();
        }
    }

    /** Starts every shard's tick on {@code timer}. */
    public void start(JobTimer timer) {
        for (Shard shard : shards) {
            ticks.add(timer.scheduleAtFixedRate(shard, TICK_NANOS, TimeUnit.NANOSECONDS));
        }
    }

    /** Schedules a ready session; any thread. */
    void add(PlayerSession session) {
        shards[session.index() % shards.length].inbox.add(session);
    }

    /** Starts chats and moves (chat mode) or the ping window (echo mode) of every session, now. */
    public void startLoad() {
        loadStart = state.now();
    }

    /**
     * Stops every tick and waits until none is running, so that no slot is sent after this
     * returns (the timer's cancel waits out a run under way). Call after {@link SwarmState#stop()}.
     */
    public void stop() {
        for (Cancellable tick : ticks) {
            tick.cancel();
        }
    }

    /** The interval of {@code kind} in this run's config, 0 when the kind is off. */
    private long intervalOf(Kind kind) {
        SwarmConfig config = state.config;
        return switch (kind) {
            case CHAT -> SwarmConfig.intervalNanos(config.chatRate());
            case MOVE -> SwarmConfig.intervalNanos(config.moveRate());
            case PING -> config.pingIntervalSeconds() == 0 ? 0 : Math.round(config.pingIntervalSeconds() * 1e9);
            case REFILL -> REFILL_NANOS;
        };
    }

    private List<Kind> kindsOf(Mode mode) {
        return mode == Mode.ECHO ? List.of(Kind.REFILL) : List.of(Kind.PING, Kind.CHAT, Kind.MOVE);
    }

    /** One kind of send of one session: its grid and the next point on it. */
    private static final class Slot {
        final PlayerSession session;
        final Kind kind;
        final long interval;
        final long phase;
        /** The next time due, on the run's clock. */
        long due;

        Slot(PlayerSession session, Kind kind, long interval, int clients) {
            this.session = session;
            this.kind = kind;
            this.interval = interval;
            double spread = (double) session.index() / clients + kind.phaseOffset;
            this.phase = (long) (interval * (spread - Math.floor(spread)));
        }

        /** Moves {@code due} to the first grid point at or after {@code from}. */
        void startAt(long from) {
            due = from <= phase ? phase : phase + ((from - phase + interval - 1) / interval) * interval;
        }
    }

    /**
     * The sessions of one shard and their slots, in order of time due. Everything but
     * {@link #inbox} is touched only by {@link #run()}, which the timer never runs twice at once.
     */
    private final class Shard implements Runnable {
        final ConcurrentLinkedQueue<PlayerSession> inbox = new ConcurrentLinkedQueue<>();
        final PriorityQueue<Slot> queue = new PriorityQueue<>(Comparator.comparingLong((Slot s) -> s.due));
        /** Load slots waiting for the load to start. */
        final List<Slot> parked = new ArrayList<>();

        @Override
        public void run() {
            if (state.stopping()) {
                return;
            }
            long now = state.now();
            long start = loadStart;
            admit(now, start);
            if (start >= 0 && !parked.isEmpty()) {
                for (Slot slot : parked) {
                    slot.startAt(start);
                    queue.add(slot);
                }
                parked.clear();
            }
            fireDue(now);
        }

        private void admit(long now, long start) {
            PlayerSession session;
            while ((session = inbox.poll()) != null) {
                for (Kind kind : kindsOf(state.config.mode())) {
                    long interval = intervalOf(kind);
                    if (interval == 0) {
                        continue;
                    }
                    Slot slot = new Slot(session, kind, interval, state.config.clients());
                    if (kind.load && start < 0) {
                        parked.add(slot);
                    } else {
                        slot.startAt(Math.max(now, kind.load ? start : now));
                        queue.add(slot);
                    }
                }
            }
        }

        private void fireDue(long now) {
            Slot slot;
            while ((slot = queue.peek()) != null && slot.due <= now && !state.stopping()) {
                queue.poll();
                if (slot.session.isClosed()) {
                    continue;
                }
                long missed = (now - slot.due) / slot.interval;
                if (missed > 0) {
                    slot.due += missed * slot.interval;
                    if (slot.kind.late != null) {
                        state.metrics.add(slot.kind.late, missed);
                    }
                }
                slot.session.fire(slot.kind, slot.due);
                slot.due += slot.interval;
                queue.add(slot);
            }
        }
    }
}
