package io.servercore.dummyclient.player;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * Each field is a decimal number ended by a colon, or -1: a stamp parses, and every way of
     * spoiling one of its fields turns that field into -1 while the other keeps its value.
     */
    @ParameterizedTest(name = "''{0}'' -> seq {1}, time {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "12:34:     | 12 | 34",
        "12:34:.... | 12 | 34",
        "0:0:       |  0 |  0",
        "\"\"     | -1 | -1",
        "hello      | -1 | -1",
        "12         | -1 | -1",
        "12:        | 12 | -1",
        "12:34      | 12 | -1",
        "12:x4:     | 12 | -1",
        "12::       | 12 | -1",
        "x2:34:     | -1 | 34",
        ":34:       | -1 | 34",
        "1-2:34:    | -1 | 34",
    })
    void eachFieldIsADecimalNumberEndedByAColonOrMinusOne(String text, long seq, long time) {
        assertEquals(seq, ChatText.seq(text), "seq of '" + text + "'");
        assertEquals(time, ChatText.time(text), "time of '" + text + "'");
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
}
