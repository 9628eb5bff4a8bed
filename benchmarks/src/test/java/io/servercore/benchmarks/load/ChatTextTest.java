package io.servercore.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The text of the generator's chats: fixed-width ASCII digits (valid UTF-8, as a chat must be),
 * written and read in place. The expected text is written out by hand.
 */
class ChatTextTest {
    private static ByteBuffer buffer(int n) {
        return ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String text(ByteBuffer b, int from, int length) {
        byte[] bytes = new byte[length];
        b.get(from, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void aChatIsItsSequenceAndDueTimeInDigitsThenPadding() {
        ByteBuffer out = buffer(40);
        out.position(3);

        ChatText.put(out, 42, 1_234_567_890L, 32);

        assertEquals(35, out.position());
        assertEquals("0000000042 0000001234567890 ....", text(out, 3, 32));
        assertEquals(42, ChatText.seq(out, 3, 32));
        assertEquals(1_234_567_890L, ChatText.due(out, 3, 32));
    }

    @Test
    void theLargestValuesFillEveryDigit() {
        ByteBuffer out = buffer(ChatText.HEADER_LENGTH);

        ChatText.put(out, ChatText.MAX_SEQ, ChatText.MAX_DUE, ChatText.HEADER_LENGTH);

        assertEquals("9999999999 9999999999999999 ", text(out, 0, ChatText.HEADER_LENGTH));
        assertEquals(ChatText.MAX_SEQ, ChatText.seq(out, 0, ChatText.HEADER_LENGTH));
        assertEquals(ChatText.MAX_DUE, ChatText.due(out, 0, ChatText.HEADER_LENGTH));
    }

    @Test
    void aChatNotOursReadsAsInvalid() {
        ByteBuffer in = buffer(64);
        in.put("hello, this is a person talking".getBytes(StandardCharsets.UTF_8));

        assertEquals(ChatText.INVALID, ChatText.seq(in, 0, 31));
        assertEquals(ChatText.INVALID, ChatText.due(in, 0, 31));
        assertEquals(ChatText.INVALID, ChatText.seq(in, 0, ChatText.HEADER_LENGTH - 1), "too short to be ours");
    }
}
