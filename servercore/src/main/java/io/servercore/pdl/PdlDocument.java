package io.servercore.pdl;

import java.util.List;

/**
 * A parsed and checked PDL file: the packets in file order, each with its id, and how the
 * file's strings are encoded.
 *
 * <p>Immutable; safe on any thread.
 *
 * @param source  the file's name, as generated code and error messages cite it
 * @param strings the encoding of every {@code string} field of the file
 * @param packets the packets in the order the file declares them
 */
record PdlDocument(String source, StringEncoding strings, List<PdlPacket> packets) {
    PdlDocument {
        packets = List.copyOf(packets);
    }
}
