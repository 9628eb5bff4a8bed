package io.servercore.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One receiver's table of the highest sequence number seen per sender. */
class SenderOrderTest {
    @Test
    void eachSenderIsTrackedOnItsOwn() {
        SenderOrder t = new SenderOrder(3);
        assertEquals(0, t.advance(7, 1), "first from 7");
        assertEquals(0, t.advance(1_000_000, 1), "first from another");
        assertEquals(1, t.advance(7, 2));
        assertEquals(2, t.advance(7, 3));
        assertEquals(1, t.advance(1_000_000, 2));
        assertEquals(2, t.size());
    }

    @Test
    void aLateChatDoesNotLowerTheHighestSeen() {
        SenderOrder t = new SenderOrder(1);
        t.advance(5, 3);
        assertEquals(3, t.advance(5, 2), "2 after 3: the caller sees 2 <= 3, out of order");
        assertEquals(3, t.advance(5, 4), "4 follows 3, not 2");
    }

    @Test
    void moreSendersThanSizedForAreUntrackedNotMisfiled() {
        SenderOrder t = new SenderOrder(2);
        int tracked = 0;
        for (int sender = 1; sender <= 100; sender++) {
            if (t.advance(sender, 1) != SenderOrder.UNTRACKED) {
                tracked++;
            }
        }
        assertEquals(t.size(), tracked);
        for (int sender = 1; sender <= 100; sender++) {
            long before = t.advance(sender, 2);
            assertEquals(before == SenderOrder.UNTRACKED ? SenderOrder.UNTRACKED : 1, before, "sender " + sender);
        }
    }

    @Test
    void aSenderIdThatIsNotPositiveIsUntracked() {
        SenderOrder t = new SenderOrder(4);
        assertEquals(SenderOrder.UNTRACKED, t.advance(0, 1));
        assertEquals(SenderOrder.UNTRACKED, t.advance(-3, 1));
        assertEquals(0, t.size());
    }
}
