package io.servercore.pdl;

import java.util.Locale;

/**
 * The two ends of a connection, each with the packets it receives and the handler and manager
 * classes generated for it.
 *
 * <p>Immutable; safe on any thread.
 */
enum Side {
    /** Receives the {@code C_} packets. */
    SERVER("Server", "C_", "client-to-server", "a client"),
    /** Receives the {@code S_} packets. */
    CLIENT("Client", "S_", "server-to-client", "a server");

    /** Prefix of the generated class names: {@code ServerPacketManager}. */
    final String classPrefix;
    /** Name prefix of the packets this side receives. */
    final String receives;
    /** The direction of those packets, for javadoc. */
    final String direction;
    /** Who sends them, for violation messages. */
    final String peer;

    Side(String classPrefix, String receives, String direction, String peer) {
        this.classPrefix = classPrefix;
        this.receives = receives;
        this.direction = direction;
        this.peer = peer;
    }

    /** {@code server} or {@code client}, for javadoc. */
    String noun() {
        return name().toLowerCase(Locale.ROOT);
    }

    String handlerClass() {
        return classPrefix + "PacketHandler";
    }

    String managerClass() {
        return classPrefix + "PacketManager";
    }

    /** The other end: the one that sends what this side must not receive. */
    Side other() {
        return this == SERVER ? CLIENT : SERVER;
    }

    /** Whether this side receives {@code packet}. */
    boolean receives(PdlPacket packet) {
        return packet.name().startsWith(receives);
    }
}
