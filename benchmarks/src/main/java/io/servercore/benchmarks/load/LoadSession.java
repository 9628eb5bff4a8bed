package io.servercore.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection of the generator: its channel, the bytes it has to send (a direct buffer in
 * write mode, sized once), the bytes of a frame it has half received (kept between reads), and
 * what the protocol gave it (its player id) and what it sent (its sequence numbers, the pings
 * in flight). Receiving happens in the generator's shared read buffer; only the partial frame
 * at the end of a read is copied here.
 *
 * <p>Not thread-safe: owned by the generator's one thread, as are all its fields.
 */
final class LoadSession {
    /** A whole chat frame fits; the carry grows only for S_EnterRoom's long member lists. */
    private static final int FIRST_CARRY = 256;

    final int index;
    /** Chat: the room it is dealt to; echo: -1. */
    final int room;
    /** Bytes waiting to be written: position is their end. */
    final ByteBuffer out;
    /** Chat: the highest sequence number seen from each sender of its room; null for echo. */
    final SenderOrder order;

    SocketChannel channel;
    SelectionKey key;
    /** The start of a frame not yet whole, from the end of the last read. */
    byte[] carry = new byte[FIRST_CARRY];
    int carryLength;
    /** Given by S_EnterRoom; 0 before. */
    int playerId;
    boolean connected;
    /** Chat: entered its room; echo: connected. */
    boolean ready;
    boolean closed;
    /** The kernel took less than asked last time: wait for OP_WRITE before writing again. */
    boolean writeBlocked;
    /** On the outbox's list of sessions to flush at the end of this loop iteration. */
    boolean dirty;
    /** Chats sent so far; the next one carries {@code seq + 1}. */
    long seq;
    /** Echo: pings sent and not yet answered. */
    int inFlight;

    LoadSession(int index, int room, int outCapacity, int roomSize) {
        this.index = index;
        this.room = room;
        this.out = ByteBuffer.allocateDirect(outCapacity).order(ByteOrder.LITTLE_ENDIAN);
        this.order = room >= 0 ? new SenderOrder(roomSize) : null;
    }

    /** Keeps {@code length} bytes from {@code offset} of {@code in} for the next read. */
    void keep(ByteBuffer in, int offset, int length) {
        if (length > carry.length) {
            carry = new byte[Math.max(length, carry.length * 2)];
        }
        in.get(offset, carry, 0, length);
        carryLength = length;
    }

    /** Closes the channel; true if it was open. */
    boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        ready = false;
        if (key != null) {
            key.cancel();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing is all that was asked; nothing more to undo
        }
        return true;
    }
}
