package io.servercore.gameserver;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a room's job queue with a job that waits on a thread of its own, so that the room
 * falls behind while the test acts; {@link #release()} lets it go on. Then the holder thread
 * drains what queued up meanwhile, as the first pusher of a job queue does.
 *
 * <p>One test thread owns it.
 */
final class RoomHold {
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread holder;

    RoomHold(GameRoom room) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        holder = new Thread(() -> room.run(() -> {
            holding.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "room-" + room.name() + "-holder");
        holder.start();
        if (!holding.await(10, TimeUnit.SECONDS)) {
            release.countDown();
            throw new AssertionError("the job holding room " + room.name() + " did not start within 10 s");
        }
    }

    void release() throws InterruptedException {
        release.countDown();
        holder.join(10_000);
    }
}
