package io.servercore.dummyclient.metrics;

/** One attack's event counts, each an {@link AttackMetrics} cell. */
public enum AttackCounter {
    /** Connects started. */
    CONNECTS,
    CONNECT_FAILURES,
    /** Connects that completed. */
    OPENED,
    /** Connections the server closed with a FIN (the attacker read end of stream). */
    SERVER_FIN,
    /** Connections the server reset, or that failed a read or write after the server closed them. */
    SERVER_RST,
    /** Server closes that were the answer the attack expected. */
    ANSWERED,
    /** Server closes the attack did not ask for: a flooder, a churner mid-cycle. */
    UNEXPECTED_CLOSES,
    /** Answers that did not come within the attack's answer time (5 s). */
    NOT_ANSWERED,
    /** Frames from the server the attacker could not parse; each ends its connection. */
    PROTOCOL_ERRORS,
    /** Connections the attack closed itself (the end of a cycle, or the end of the run). */
    CLOSED_BY_ATTACK,
    /** Of those, closed with a reset ({@code SO_LINGER 0}). */
    RESETS,
    /** Connections still waiting for the server's close when the attacks stopped. */
    OPEN_AT_END,
    PACKETS_SENT,
    /** Bytes the sockets took, every connection of the attack. */
    BYTES_SENT,
    /** Packets held back because the server was not reading what the attacker sent. */
    HELD_BACK,
    /** S_Error packets, every code. */
    SERVER_ERRORS,
    PONGS,
    /** Cycles that got their S_EnterRoom. */
    ENTERED,
    /** Cycles that had their first own chat back. */
    ECHOED,
    /** Dripped frames that arrived whole before the server closed the connection. */
    FRAMES_COMPLETED
}
