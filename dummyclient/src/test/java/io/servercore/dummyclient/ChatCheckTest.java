package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pieces that check chats: the text's stamp and per-sender order. */
class ChatCheckTest {

    @Test
    void aChatCarriesItsSequenceAndTimeAndIsPaddedToThePayload() {
        String text = ChatText.format(42, 1_234_567_890L, 64);
        assertEquals(64, text.length());
        assertEquals("42:1234567890:", text.substring(0, 14));
        assertEquals(42, ChatText.seq(text));
        assertEquals(1_234_567_890L, ChatText.time(text));
    }

    @Test
    void aStampLongerThanThePayloadIsKeptWhole() {
        String text = ChatText.format(1_000_000, 86_400_000_000_000L, 10);
        assertEquals(1_000_000, ChatText.seq(text));
        assertEquals(86_400_000_000_000L, ChatText.time(text));
    }

    @Test
    void aTextThatIsNoSwarmChatParsesAsMinusOne() {
        for (String text : new String[] {"", "hello", "12", "12:", "x:1:", ":1:", "1:2", "1:x:"}) {
            boolean both = ChatText.seq(text) >= 0 && ChatText.time(text) >= 0;
            assertEquals(false, both, text);
        }
    }

    @Test
    void orderIsCheckedPerSender() {
        SenderOrder order = new SenderOrder();
        assertEquals(0, order.check(7, 5)); // first seen: the baseline
        assertEquals(0, order.check(8, 1));
        assertEquals(0, order.check(7, 6));
        assertEquals(2, order.check(7, 9)); // 7 and 8 missing
        assertEquals(SenderOrder.OUT_OF_ORDER, order.check(7, 8));
        assertEquals(SenderOrder.OUT_OF_ORDER, order.check(7, 9)); // a duplicate
        assertEquals(0, order.check(8, 2));
    }

    @Test
    void aThousandSendersAreTrackedApart() {
        SenderOrder order = new SenderOrder();
        for (int seq = 1; seq <= 3; seq++) {
            for (int sender = -500; sender < 500; sender++) {
                assertEquals(0, order.check(sender, seq));
            }
        }
        for (int sender = -500; sender < 500; sender++) {
            assertEquals(SenderOrder.OUT_OF_ORDER, order.check(sender, 3));
        }
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", Json.quote("a\"b\\c\nd\u0001"));
    }
}
