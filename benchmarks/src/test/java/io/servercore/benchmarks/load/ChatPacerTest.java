package io.servercore.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pacing of chats, without sockets: each session sends on an even grid of 1/rate, the
 * sessions' phases spread evenly over it; a loop that comes late sends every slot it missed at
 * once, each chat carrying its own due time, none skipped; and what was asked up to a moment
 * is the slots due before it. The due times are worked out by hand: 4 sessions at 10 chats/s
 * make a slot every 25 ms, session i due at i * 25 ms + j * 100 ms.
 */
class ChatPacerTest {
    private static final long MS = 1_000_000L;

    private final LoadConfig config = new LoadConfig(LoadConfig.Mode.CHAT, "127.0.0.1", 1, 4, 2, 10, 32, 0, 1, 0, 0,
            1, 0, null);
    private final LoadSession[] sessions = new LoadSession[4];
    private final Tally tally = new Tally();
    private final ChatPacer pacer;

    ChatPacerTest() {
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = new LoadSession(i, config.roomOf(i), 4096, 2);
        }
        pacer = new ChatPacer(config, sessions, new Outbox(sessions, tally), tally);
    }

    /** The due times, in ms from the start, of the chats in session {@code i}'s send buffer. */
    private List<Long> dueMillis(int i) {
        ByteBuffer out = sessions[i].out.duplicate().flip();
        List<Long> due = new ArrayList<>();
        int frame = Wire.chatFrameLength(32);
        for (int p = 0; p + frame <= out.limit(); p += frame) {
            int text = p + Wire.HEADER_LENGTH + Wire.STRING_LENGTH;
            assertEquals(due.size() + 1, ChatText.seq(out, text, 32), "session " + i + "'s chats count from 1");
            due.add(ChatText.due(out, text, 32) / MS);
        }
        return due;
    }

    @Test
    void eachSessionSendsOnItsOwnEvenGridWithPhasesSpreadEvenly() {
        long start = 1_000 * MS;
        pacer.start(start, start + 1_000 * MS, 0);
        for (long t = start; t < start + 400 * MS; t += MS) {
            pacer.sendDue(t);
        }
        assertEquals(List.of(0L, 100L, 200L, 300L), dueMillis(0));
        assertEquals(List.of(25L, 125L, 225L, 325L), dueMillis(1));
        assertEquals(List.of(50L, 150L, 250L, 350L), dueMillis(2));
        assertEquals(List.of(75L, 175L, 275L, 375L), dueMillis(3));
        assertEquals(start + 400 * MS, pacer.nextDue());
        assertEquals(16, tally.sent);
        assertEquals(16 * 2, tally.predicted, "each chat to the 2 of its room");
    }

    @Test
    void aLateLoopSendsEveryMissedSlotAtOnceEachTimedFromItsDueTime() {
        pacer.start(0, 1_000 * MS, 0);
        pacer.sendDue(260 * MS); // late: slots 0..10 are due by 260 ms; one call sends a round of 4
        pacer.sendDue(260 * MS);
        pacer.sendDue(260 * MS);
        pacer.sendDue(260 * MS);

        assertEquals(11, tally.sent, "none skipped");
        assertEquals(List.of(0L, 100L, 200L), dueMillis(0));
        assertEquals(List.of(25L, 125L, 225L), dueMillis(1));
        assertEquals(List.of(50L, 150L, 250L), dueMillis(2));
        assertEquals(List.of(75L, 175L), dueMillis(3));
        assertEquals(275 * MS, pacer.nextDue());
        assertEquals(11, tally.sendLag.second.getTotalCount());
        assertEquals(260_000, tally.sendLag.second.getMaxValue(), 260, "the first slot went out 260 ms late (us)");
    }

    @Test
    void whatWasAskedUpToAMomentIsTheSlotsDueBeforeIt() {
        pacer.start(0, 1_000 * MS, 0);
        assertEquals(0, pacer.slotsBefore(0));
        assertEquals(1, pacer.slotsBefore(1));
        assertEquals(1, pacer.slotsBefore(25 * MS));
        assertEquals(2, pacer.slotsBefore(25 * MS + 1));
        assertEquals(40, pacer.slotsBefore(1_000 * MS), "4 sessions x 10 chats/s x 1 s");
        assertEquals(40, pacer.slotsBefore(5_000 * MS), "nothing is asked after the end");
    }

    @Test
    void noSlotIsDueOnceTheGridIsDone() {
        pacer.start(0, 100 * MS, 0);
        for (int i = 0; i < 10; i++) {
            pacer.sendDue(100 * MS);
        }
        assertEquals(4, tally.sent, "slots at 0, 25, 50 and 75 ms");
        assertEquals(Long.MAX_VALUE, pacer.nextDue());
    }

    @Test
    void aFullSendBufferHoldsTheChatBackAndCountsIt() {
        ByteBuffer out = sessions[0].out;
        out.position(out.capacity() - 1); // the server stopped reading: no room for a frame
        pacer.start(0, 1_000 * MS, 0);

        pacer.sendDue(0);

        assertEquals(1, tally.held);
        assertEquals(0, tally.sent);
        assertEquals(0, sessions[0].seq, "a held chat takes no sequence number, so no receiver sees a gap");
    }
}
