package io.servercore.net;

/**
 * Why a session ended. The first reason given to {@link Session#disconnect(DisconnectReason)}
 * wins; later calls change nothing.
 */
public enum DisconnectReason {
    /** The application called {@link Session#disconnect()}. */
    LOCAL("closed by the application", false),
    /** The peer closed its end (read returned end of stream). */
    PEER_CLOSED("closed by the peer", false),
    /** A read or write failed: connection reset, broken pipe, and the like. */
    IO_ERROR("I/O error", false),
    /** The peer broke the framing or packet rules. */
    PROTOCOL_VIOLATION("protocol violation", true),
    /** More bytes were queued for the peer than its outbound limit: it does not read. */
    OUTBOUND_LIMIT("outbound limit exceeded", true),
    /** No complete frame arrived within the idle timeout. */
    IDLE_TIMEOUT("idle timeout", true),
    /** The service or the whole engine is shutting down. */
    SHUTDOWN("shutting down", false),
    /** Application code called from the engine threw; the stack trace is logged once. */
    HANDLER_ERROR("handler error", false);

    private final String description;
    private final boolean peerFault;

    DisconnectReason(String description, boolean peerFault) {
        this.description = description;
        this.peerFault = peerFault;
    }

    /** Words for a log line. */
    public String description() {
        return description;
    }

    /** Whether the peer's behaviour caused it; such disconnects are logged at WARN. */
    public boolean isPeerFault() {
        return peerFault;
    }
}
