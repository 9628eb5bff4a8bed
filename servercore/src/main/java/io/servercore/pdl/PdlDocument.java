package io.servercore.pdl;

import java.util.List;

/**
 * A parsed and checked PDL file: the packets in file order.
 *
 * <p>Immutable; safe on any thread.
 *
 * @param source  the file's name, as generated code and error messages cite it
 * @param packets the packets in the order the file declares them
 */
record PdlDocument(String source, List<PdlPacket> packets) {
    PdlDocument {
        packets = List.copyOf(packets);
    }
}
