package io.servercore.pdl;

import java.util.List;

/**
 * One packet of a PDL file.
 *
 * <p>Immutable; safe on any thread.
 *
 * @param name   the class name, a prefix of {@link Side} and more; {@code null} if missing
 * @param id     the id on the wire, 1 to 65,535; {@link #NO_ID} if the file gives none (yet),
 *               {@link #BAD_ID} if the one it gives is unusable
 * @param line   where it is declared, for error messages
 * @param fields the payload's fields in wire order
 */
record PdlPacket(String name, int id, int line, List<PdlField> fields) {
    /** The id of a packet without an id attribute, before the file's packets are numbered. */
    static final int NO_ID = -1;
    /** The id of a packet whose id attribute is not a usable id (an error already reported). */
    static final int BAD_ID = -2;

    PdlPacket {
        fields = List.copyOf(fields);
    }

    /** This packet with {@code newId}. */
    PdlPacket withId(int newId) {
        return new PdlPacket(name, newId, line, fields);
    }

    /** Whether a client sends this packet to the server. */
    boolean clientToServer() {
        return Side.SERVER.receives(this);
    }
}
