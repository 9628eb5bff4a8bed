package io.servercore.pdl;

import java.util.List;
import java.util.Locale;

/**
 * The two ends of a connection, each with the packets it receives and the handler and manager
 * classes generated for it. A packet's name prefix says which end receives it: {@code C_} and
 * {@code S_} as docs/protocol.md names them, or {@code C2S_} and {@code S2C_} as the course's Part 4
 * {@code PDL.xml} does.
 *
 * <p>Immutable; safe on any thread.
 */
enum Side {
    /** Receives the {@code C_} and {@code C2S_} packets. */
    SERVER("Server", List.of("C_", "C2S_"), "client-to-server", "a client"),
    /** Receives the {@code S_} and {@code S2C_} packets. */
    CLIENT("Client", List.of("S_", "S2C_"), "server-to-client", "a server");

    /** Prefix of the generated class names: {@code ServerPacketManager}. */
    final String classPrefix;
    /** Name prefixes of the packets this side receives; none is a prefix of another side's. */
    final List<String> prefixes;
    /** The direction of those packets, for javadoc. */
    final String direction;
    /** Who sends them, for violation messages. */
    final String peer;

    Side(String classPrefix, List<String> prefixes, String direction, String peer) {
        this.classPrefix = classPrefix;
        this.prefixes = prefixes;
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
        return prefixOf(packet.name()) != null;
    }

    /** The prefix of {@code name} that makes this side receive it, or {@code null}. */
    String prefixOf(String name) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    /** The side that receives a packet named {@code name}, or {@code null} if its prefix is neither's. */
    static Side receiving(String name) {
        for (Side side : values()) {
            if (side.prefixOf(name) != null) {
                return side;
            }
        }
        return null;
    }

    /** {@code C_ or C2S_}, for messages. */
    String prefixList() {
        return String.join(" or ", prefixes);
    }
}
