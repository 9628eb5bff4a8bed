package io.servercore.benchmarks.load;

/**
 * When each chat is due, and sending the ones whose time has come. Every session sends on an
 * even grid of interval 1/rate, and the sessions' phases are spread evenly over that interval:
 * session i's j-th chat is due at {@code start + (i + j * sessions) * slot}, with
 * {@code slot = 1 / (rate * sessions)}. So the run as a whole is one grid of slots, dealt to
 * the sessions in turn, and one cursor walks it.
 *
 * <p>Coordinated omission: a slot is sent when it is due or, if the loop comes late, at once,
 * and its chat carries its due time, from which its latency counts: the generator's own
 * lateness, or a stall the server caused, is in the figures, not hidden. The lateness itself is
 * a figure too ({@link Tally#sendLag}). A slot is never skipped for lateness; one is held (not
 * sent, counted) only when its session's send buffer is full because the server does not read.
 *
 * <p>Not thread-safe: owned by the generator's one thread.
 */
final class ChatPacer {
    private final LoadConfig config;
    private final LoadSession[] sessions;
    private final Outbox outbox;
    private final Tally tally;
    private final int[] members;
    private final double slotNanos;
    private final int frameLength;

    private long start;
    private long end;
    /** The next slot to send, counted from 0 over the whole grid. */
    private long cursor;
    private long steadyAfter;

    ChatPacer(LoadConfig config, LoadSession[] sessions, Outbox outbox, Tally tally) {
        this.config = config;
        this.sessions = sessions;
        this.outbox = outbox;
        this.tally = tally;
        this.members = new int[config.rooms()];
        for (int r = 0; r < members.length; r++) {
            members[r] = config.members(r);
        }
        this.slotNanos = 1e9 / (config.rate() * config.sessions());
        this.frameLength = Wire.chatFrameLength(config.payload());
    }

    /** Lays the grid from {@code loadStart} to {@code loadEnd}; sends due {@code steadyAfter} ns in are steady. */
    void start(long loadStart, long loadEnd, long steadyAfter) {
        this.start = loadStart;
        this.end = loadEnd;
        this.steadyAfter = steadyAfter;
        this.cursor = 0;
    }

    /** The due time of slot {@code k}, on {@link System#nanoTime()}. */
    long due(long k) {
        return start + (long) (k * slotNanos);
    }

    /** The due time of the next slot; {@link Long#MAX_VALUE} when the grid is done. */
    long nextDue() {
        long d = due(cursor);
        return d < end ? d : Long.MAX_VALUE;
    }

    /** Slots due before {@code time}: what was asked of the run up to then. */
    long slotsBefore(long time) {
        if (time <= start) {
            return 0;
        }
        long k = (long) Math.ceil((Math.min(time, end) - start) / slotNanos);
        while (k > 0 && due(k - 1) >= Math.min(time, end)) {
            k--;
        }
        while (due(k) < Math.min(time, end)) {
            k++;
        }
        return k;
    }

    /**
     * Sends every slot due by {@code now}, at most one round of the sessions, so that a loop far
     * behind still reads between bursts.
     */
    void sendDue(long now) {
        for (int n = 0; n < sessions.length; n++) {
            long due = due(cursor);
            if (due > now || due >= end) {
                return;
            }
            LoadSession s = sessions[(int) (cursor % sessions.length)];
            cursor++;
            if (s.closed) {
                continue;
            }
            if (s.out.remaining() < frameLength) {
                tally.held++;
                continue;
            }
            long dueFromStart = due - start;
            Wire.putChatHeader(s.out, config.payload());
            ChatText.put(s.out, ++s.seq, dueFromStart, config.payload());
            tally.sent++;
            tally.predicted += members[s.room];
            tally.sendLag.record(now - due, dueFromStart >= steadyAfter);
            outbox.mark(s);
        }
    }
}
