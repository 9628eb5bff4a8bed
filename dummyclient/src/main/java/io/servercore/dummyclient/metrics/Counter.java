package io.servercore.dummyclient.metrics;

/** The swarm's event counts, each a {@link Metrics} cell. */
public enum Counter {
    /** Connects that ended, either way. */
    CONNECTS_COMPLETED,
    CONNECT_FAILURES,
    /** Sessions whose {@code onConnected} ran. */
    CONNECTED,
    /** Sessions ready for load: in their room (chat) or connected (echo). */
    READY,
    /** Sessions the server would not let into their room (an S_Error before S_EnterRoom). */
    ENTRY_REFUSED,
    /** Sessions that closed before they were ready. */
    CLOSED_BEFORE_READY,
    /** Every disconnect reported, the swarm's own closes included. */
    DISCONNECTS,
    /** Disconnects the swarm did not ask for. */
    UNEXPECTED_DISCONNECTS,
    /** Frames the client could not parse or did not expect from a server. */
    PROTOCOL_ERRORS,
    /** Packets that make no sense where they came, e.g. S_Chat before S_EnterRoom. */
    UNEXPECTED_PACKETS,
    /** S_Error packets, every code. */
    SERVER_ERRORS,

    CHATS_SENT,
    /** Chat slots skipped because the pacer ran late (the client is the bottleneck). */
    CHATS_LATE,
    /** Chat slots skipped because too many bytes were queued unsent (the server is the bottleneck). */
    CHATS_HELD,
    CHATS_ECHOED,
    CHAT_DELIVERIES,
    /** Deliveries the room sizes predict: the sender's room size for every echoed chat. */
    CHAT_PREDICTED,
    MOVES_SENT,
    MOVES_LATE,
    MOVES_HELD,
    MOVES_ECHOED,
    MOVE_DELIVERIES,
    MOVE_PREDICTED,
    PINGS_SENT,
    PINGS_LATE,
    PINGS_HELD,
    PONGS,
    /** Echo-mode pings the server dropped with S_Error(3). */
    PINGS_DROPPED,

    /** Chats that arrived after a later chat of the same sender, or twice. */
    ORDER_VIOLATIONS,
    /** Chats missing between two chats of one sender. */
    ORDER_GAPS,

    /** Attackers the sessions see in their rooms, summed over sessions: up on each entry seen, down on each leave. */
    ATTACKERS_IN_VIEW,
    /** Attackers' leaves the sessions saw. */
    ATTACKER_LEAVES_SEEN,
    /** Attackers' chats and moves the sessions received (not checked, not counted as deliveries). */
    ATTACKER_PACKETS_SEEN
}
