package io.servercore.pdl;

import java.util.List;

/**
 * One packet of a PDL file.
 *
 * <p>Immutable; safe on any thread.
 *
 * @param name   the class name, {@code C_} or {@code S_} and more; {@code null} if missing
 * @param id     the id on the wire, 1 to 65,535; {@link #NO_ID} if missing or not a number
 * @param line   where it is declared, for error messages
 * @param fields the payload's fields in wire order
 */
record PdlPacket(String name, int id, int line, List<PdlField> fields) {
    /** The id of a packet whose id attribute was missing or unusable (an error already reported). */
    static final int NO_ID = -1;

    PdlPacket {
        fields = List.copyOf(fields);
    }

    /** Whether a client sends this packet to the server. */
    boolean clientToServer() {
        return name.startsWith(Side.SERVER.receives);
    }
}
