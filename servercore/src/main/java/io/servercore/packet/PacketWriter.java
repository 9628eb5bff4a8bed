package io.servercore.packet;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

/**
 * Sizes and writes the PDL field types of docs/protocol.md section 2, for generated packet classes.
 *
 * <p>A generated {@code write} works in two steps. First {@code encodedSize} adds up the frame
 * with the {@code add*} and {@code check*} methods, which reject everything that cannot be
 * encoded (a value out of range, a null, a string or list over its u16 limit, a frame over
 * {@link PacketHeader#MAX_FRAME_SIZE}) with an exception naming the field. Only then is the
 * exact size reserved with {@link #open}, so the {@code put*} methods cannot fail on valid
 * input and nothing is copied. Every running size stays at most about twice the frame limit,
 * so the sums cannot overflow.
 *
 * <p>The buffer is little-endian, as {@link SendBufferManager#open(int)} hands it out.
 * Stateless; every method may be called from any thread on buffers that thread owns.
 */
public final class PacketWriter {
    /** The most bytes a string, and the most elements a list, can have: their length is a u16. */
    public static final int MAX_LENGTH = 0xFFFF;

    private PacketWriter() {
    }

    /** @throws IllegalArgumentException naming {@code field} unless 0 &lt;= value &lt;= 65,535 */
    public static void checkUshort(int value, String field) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + ": ushort value=" + value + " is outside 0..65535");
        }
    }

    /** @throws IllegalArgumentException naming {@code field} unless 0 &lt;= value &lt;= 2^32 - 1 */
    public static void checkUint(long value, String field) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + ": uint value=" + value + " is outside 0..4294967295");
        }
    }

    /** {@code size} plus the encoded string: its u16 length and its UTF-8 bytes. */
    public static int addString(int size, String value, String field) {
        requireNonNull(value, field, " is null");
        int length = Utf8.length(value);
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(field + ": string of " + length + " UTF-8 bytes exceeds max="
                    + MAX_LENGTH);
        }
        return checkFrame(size + 2 + length, field);
    }

    /** {@code size} plus the encoded list: its u16 count and each element's size. */
    public static <E> int addList(int size, List<E> list, ToIntFunction<? super E> elementSize, String field) {
        requireNonNull(list, field, " is null");
        int count = list.size();
        if (count > MAX_LENGTH) {
            throw new IllegalArgumentException(field + ": list of " + count + " elements exceeds max=" + MAX_LENGTH);
        }
        int total = checkFrame(size + 2, field);
        for (E element : list) {
            requireNonNull(element, field, " has a null element");
            total = checkFrame(total + elementSize.applyAsInt(element), field);
        }
        return total;
    }

    /**
     * Reserves {@code size} bytes (from {@code encodedSize}) and writes the frame header.
     * Must be followed on this thread by {@link #close} or, if writing fails, {@link #abort}.
     */
    public static ByteBuffer open(SendBufferManager pool, int size, int id) {
        ByteBuffer out = pool.open(size);
        PacketHeader.write(out, 0, size, id);
        return out.position(PacketHeader.HEADER_LENGTH);
    }

    /**
     * Cuts the written frame into a slice.
     *
     * @throws IllegalStateException if the fields wrote other than {@code size} bytes, which
     *         happens only if another thread changed the packet while it was written
     */
    public static SendBuffer close(SendBufferManager pool, ByteBuffer out, int size) {
        if (out.position() != size) {
            throw new IllegalStateException("wrote " + out.position() + " bytes of a " + size
                    + "-byte frame: the packet changed while it was being written");
        }
        return pool.commit(out, size);
    }

    /** Gives up the claim of an {@link #open} whose writing failed; nothing is cut. */
    public static void abort(SendBufferManager pool) {
        pool.abort();
    }

    public static void putBool(ByteBuffer out, boolean value) {
        out.put(value ? (byte) 1 : (byte) 0);
    }

    /** The low 16 bits of a value {@link #checkUshort} accepted. */
    public static void putUshort(ByteBuffer out, int value) {
        out.putShort((short) value);
    }

    /** The low 32 bits of a value {@link #checkUint} accepted. */
    public static void putUint(ByteBuffer out, long value) {
        out.putInt((int) value);
    }

    /** A string {@link #addString} accepted: u16 byte count, then UTF-8. */
    public static void putString(ByteBuffer out, String value) {
        // The byte count is known only after encoding; leave room for it and fill it in after,
        // rather than scanning the string a third time.
        int lengthAt = out.position();
        out.position(lengthAt + 2);
        Utf8.encode(value, out);
        out.putShort(lengthAt, (short) (out.position() - lengthAt - 2));
    }

    /** A list {@link #addList} accepted: u16 count, then each element. */
    public static <E> void putList(ByteBuffer out, List<E> list, BiConsumer<? super E, ByteBuffer> element) {
        out.putShort((short) list.size());
        for (E e : list) {
            element.accept(e, out);
        }
    }

    // Not Objects.requireNonNull(value, supplier): its lambda would capture the field name on every call.
    private static void requireNonNull(Object value, String field, String what) {
        if (value == null) {
            throw new NullPointerException(field + what);
        }
    }

    private static int checkFrame(int size, String field) {
        if (size > PacketHeader.MAX_FRAME_SIZE) {
            throw new IllegalArgumentException(field + ": at least " + size + " bytes, exceeds the frame limit of "
                    + PacketHeader.MAX_FRAME_SIZE);
        }
        return size;
    }
}
