package io.servercore.packet;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;

/**
 * A packet of the wire protocol, as the PDL compiler generates it: a typed value that knows
 * its id and writes itself as one whole frame ({@link PacketHeader} and payload).
 *
 * <p>Each generated class also has a {@code static read(ByteBuffer payload)} that parses a
 * payload and throws {@link MalformedPacketException} on anything section 2 of the protocol
 * calls malformed; a static method cannot be part of this interface.
 *
 * <p>Threading: packets are plain mutable values and not thread-safe. Build one on one thread,
 * write it there (the bytes of the resulting slice can then go to any number of sessions), or
 * hand the object over with a happens-before edge such as a job queue.
 */
public interface Packet {
    /** The packet id on the wire: 1 to 65,535. */
    int id();

    /**
     * The size of the whole frame in bytes, header included.
     *
     * @throws IllegalArgumentException naming the field, if a string or list is too long or the
     *         frame would exceed {@link PacketHeader#MAX_FRAME_SIZE}, or a field is out of its range
     * @throws NullPointerException naming the field, if a string, list or list element is null
     */
    int encodedSize();

    /**
     * Serializes the whole frame straight into a pooled slice, with no intermediate array. The
     * caller owns the returned slice's single reference: it sends or releases it.
     *
     * @throws IllegalArgumentException as {@link #encodedSize()}; nothing is left reserved in the pool
     */
    SendBuffer write(SendBufferManager pool);
}
