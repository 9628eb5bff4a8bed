package io.servercore.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the generator counts, as plain fields, and its latency figures: what was asked
 * and sent, what arrived and how late, and what went wrong. What went wrong is also kept in
 * words, the first few of each kind, for the summary.
 *
 * <p>Not thread-safe: owned by the generator's one thread.
 */
final class Tally {
    /** Reasons kept in words; the counts go on past them. */
    private static final int REASONS_KEPT = 5;

    /** Chat: each delivery to a member other than the sender, from its due time. */
    final Latency delivery = new Latency();
    /** Chat: the sender's own copy, from its due time. */
    final Latency echo = new Latency();
    /** Echo: C_Ping to S_Pong. */
    final Latency roundTrip = new Latency();
    /** Chat: how late each send went out after its due time. */
    final Latency sendLag = new Latency();

    /** Chat: send slots whose due time has come. */
    long asked;
    /** Chats or pings put on the wire (into a session's send buffer). */
    long sent;
    /** Chat: slots not sent because the session's send buffer was full (the server not reading). */
    long held;
    /** Chat: deliveries the room sizes predict for the chats sent, the senders' own copies included. */
    long predicted;
    /** Chat: S_Chat frames of ours received by any member, the senders' own copies included. */
    long delivered;
    /** Chat: of those, the senders' own copies. */
    long echoed;
    /** Echo: S_Pong received. */
    long roundTrips;
    /** Chat: a sender's chat that arrived after a later one of the same sender. */
    long outOfOrder;
    /** Chat: chats a receiver skipped over between two of a sender's chats. */
    long gaps;
    /** Chat: deliveries whose sender did not fit the receiver's table (more senders than a room holds). */
    long untracked;
    /** S_Chat whose text is not the generator's, S_Pong never asked for, or an unknown frame id. */
    long foreign;
    long sErrors;
    long closed;
    long malformed;
    /** Sessions opened, connected, and ready (entered, for chat). */
    int opened;
    int connected;
    int ready;
    /** The generator thread's CPU time and allocated bytes over the steady seconds; -1 where the JVM cannot tell. */
    long steadyCpuNanos = -1;
    long steadyAllocatedBytes = -1;

    private final Map<Integer, Long> errorsByCode = new TreeMap<>();
    private final List<String> reasons = new ArrayList<>();
    private final Map<String, Integer> reasonCounts = new TreeMap<>();

    /** An S_Error arrived. Rare enough to box. */
    void sError(int code) {
        sErrors++;
        errorsByCode.merge(code, 1L, Long::sum);
    }

    /** Something wrong worth saying, in words: kept for the first few of each kind. */
    void reason(String kind, String words) {
        int n = reasonCounts.merge(kind, 1, Integer::sum);
        if (n <= REASONS_KEPT) {
            reasons.add(words);
        }
    }

    /** Closes {@code s} once, counting it and keeping {@code why}. */
    void close(LoadSession s, String why) {
        if (s.close()) {
            closed++;
            reason("close", "session " + s.index + " closed: " + why);
        }
    }

    Map<Integer, Long> errorsByCode() {
        return errorsByCode;
    }

    List<String> reasons() {
        return reasons;
    }

    /** Everything that went wrong, in one number: S_Error, closes, malformed and foreign frames. */
    long errors() {
        return sErrors + closed + malformed + foreign;
    }
}
