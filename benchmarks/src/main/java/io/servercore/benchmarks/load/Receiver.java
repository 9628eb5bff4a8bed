package io.servercore.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The read side: reads a ready session into one shared direct buffer (behind the partial frame
 * it kept from last time), cuts the frames in place and reads each one's fields where it lies.
 * A chat's latency is the time of the read less the chat's due time, written in its text by the
 * sender; the sender's own copy is a figure of its own. Per receiver, each sender's chats must
 * come in the order sent. In echo mode each S_Pong is answered with the next C_Ping at once.
 *
 * <p>Nothing here allocates per frame: no String, no boxing, no lambda. The words of what went
 * wrong are the exception; they are rare and kept to a few.
 *
 * <p>Not thread-safe: owned by the generator's one thread.
 */
final class Receiver implements FrameCutter.Sink {
    /** Large enough that one read usually takes all a session has. */
    static final int READ_BUFFER = 256 * 1024;
    /** Reads of one session per wake-up while each fills the buffer; the selector brings the rest. */
    private static final int READS_PER_WAKE = 4;

    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final Tally tally;
    private final Outbox outbox;
    private final boolean chat;

    /** {@link System#nanoTime()} at the start of the load; a chat's due time counts from it. */
    long loadStart;
    /** Nanoseconds from the load's start after which a send counts as steady (the warm-up's end). */
    long steadyAfter;
    /** Echo: answer each S_Pong with a new C_Ping; off once the load is over. */
    boolean pinging;

    private LoadSession current;
    /** {@link System#nanoTime()} after the last read that brought bytes. */
    private long readTime;

    Receiver(LoadConfig config, Tally tally, Outbox outbox) {
        this.tally = tally;
        this.outbox = outbox;
        this.chat = config.mode() == LoadConfig.Mode.CHAT;
    }

    /** When the last read that brought bytes returned, on {@link System#nanoTime()}. */
    long readTime() {
        return readTime;
    }

    void onReadable(LoadSession s) {
        for (int i = 0; i < READS_PER_WAKE; i++) {
            in.clear();
            if (s.carryLength > 0) {
                in.put(s.carry, 0, s.carryLength);
            }
            int n;
            try {
                n = s.channel.read(in);
            } catch (IOException e) {
                tally.close(s, "read failed: " + e.getMessage());
                return;
            }
            if (n < 0) {
                tally.close(s, "the server closed the connection");
                return;
            }
            if (n == 0) {
                return;
            }
            readTime = System.nanoTime();
            current = s;
            int end = in.position();
            int rest = FrameCutter.cut(in, 0, end, this);
            if (rest < 0) {
                int at = FrameCutter.malformedAt(rest);
                tally.malformed++;
                tally.close(s, "invalid frame: size=" + Wire.u16(in, at) + ", min=" + Wire.HEADER_LENGTH
                        + ", max=" + Wire.MAX_FRAME);
                return;
            }
            if (s.closed) {
                return;
            }
            s.carryLength = 0;
            if (rest < end) {
                s.keep(in, rest, end - rest);
            }
            if (end < in.capacity()) {
                return;
            }
        }
    }

    @Override
    public void onFrame(ByteBuffer frames, int offset, int size, int id) {
        switch (id) {
            case Wire.S_CHAT -> onChat(frames, offset, size);
            case Wire.S_PONG -> onPong(frames, offset, size);
            case Wire.S_ENTER_ROOM -> onEnterRoom(frames, offset, size);
            case Wire.S_BROADCAST_ENTER -> {
                // another member entering during the ramp: expected, nothing to check
            }
            case Wire.S_ERROR -> {
                int code = size >= Wire.ERROR_CODE_OFFSET + 2 ? Wire.u16(frames, offset + Wire.ERROR_CODE_OFFSET) : -1;
                tally.sError(code);
                tally.reason("S_Error", "session " + current.index + " got S_Error(" + code + ")");
            }
            default -> foreign("a frame of id " + id + ", size " + size);
        }
    }

    private void onChat(ByteBuffer f, int offset, int size) {
        LoadSession s = current;
        if (!chat || size < Wire.CHAT_TEXT_OFFSET) {
            foreign("an S_Chat of size " + size);
            return;
        }
        int length = Wire.u16(f, offset + Wire.CHAT_LENGTH_OFFSET);
        int text = offset + Wire.CHAT_TEXT_OFFSET;
        long seq = length + Wire.CHAT_TEXT_OFFSET == size ? ChatText.seq(f, text, length) : ChatText.INVALID;
        long due = ChatText.due(f, text, length);
        if (seq <= 0 || due < 0) {
            foreign("an S_Chat whose text is not the generator's (" + length + " bytes in a frame of " + size + ")");
            return;
        }
        int sender = f.getInt(offset + Wire.CHAT_PLAYER_ID_OFFSET);
        long latency = readTime - loadStart - due;
        boolean steady = due >= steadyAfter;
        tally.delivered++;
        if (sender == s.playerId) {
            tally.echoed++;
            tally.echo.record(latency, steady);
        } else {
            tally.delivery.record(latency, steady);
        }
        long before = s.order.advance(sender, seq);
        if (before == SenderOrder.UNTRACKED) {
            tally.untracked++;
        } else if (seq <= before) {
            tally.outOfOrder++;
        } else if (seq > before + 1) {
            tally.gaps += seq - before - 1;
        }
    }

    private void onPong(ByteBuffer f, int offset, int size) {
        LoadSession s = current;
        if (chat || size != Wire.PONG_LENGTH || s.inFlight == 0) {
            foreign("an S_Pong of size " + size + " with " + s.inFlight + " C_Ping in flight");
            return;
        }
        long sentAt = f.getLong(offset + Wire.PONG_TIME_OFFSET);
        s.inFlight--;
        tally.roundTrips++;
        tally.roundTrip.record(readTime - sentAt, sentAt - loadStart >= steadyAfter);
        if (pinging) {
            Wire.putPing(s.out, readTime);
            s.inFlight++;
            tally.sent++;
            outbox.mark(s);
        }
    }

    private void onEnterRoom(ByteBuffer f, int offset, int size) {
        LoadSession s = current;
        if (!chat || size < Wire.ENTER_PLAYER_ID_OFFSET + 4) {
            foreign("an S_EnterRoom of size " + size);
            return;
        }
        if (!s.ready) {
            s.playerId = f.getInt(offset + Wire.ENTER_PLAYER_ID_OFFSET);
            s.ready = true;
            tally.ready++;
        }
    }

    private void foreign(String what) {
        tally.foreign++;
        tally.reason("foreign", "session " + current.index + " got " + what);
    }
}
