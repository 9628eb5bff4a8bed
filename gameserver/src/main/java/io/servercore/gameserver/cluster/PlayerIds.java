package io.servercore.gameserver.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Player ids unique across the cluster: each node takes blocks of {@value #BLOCK} ids from the
 * {@code ids} counter in key-value ({@link Membership#takeIdBlock}) and hands them out one by
 * one. Block {@code b} is ids {@code b * BLOCK + 1 .. (b + 1) * BLOCK}, all positive ints. The
 * next block is fetched when half of the current one is gone, so a connect waits on NATS only
 * if {@value #BLOCK} / 2 players connect within one key-value round trip.
 *
 * <p>Thread-safe and lock-free: {@link #next()} is called by the I/O threads that accept.
 */
final class PlayerIds {
    static final int BLOCK = 4096;
    /** Blocks in the positive int range. */
    static final int BLOCKS = Integer.MAX_VALUE / BLOCK;
    private static final long WAIT_SECONDS = 10;

    /** Takes a block number of at least the argument, blocking; runs on the KV executor. */
    interface Source {
        int take(int atLeast) throws Exception;
    }

    private final Source source;
    private final Executor executor;
    private final AtomicReference<Block> current;
    /** The highest block this node has taken, so a counter lost with the NATS store is raised past it. */
    private final AtomicInteger highest = new AtomicInteger(-1);

    private final class Block {
        final int first;
        final int end;
        final AtomicInteger next;
        final CompletableFuture<Block> successor = new CompletableFuture<>();
        final AtomicBoolean fetching = new AtomicBoolean();

        Block(int number) {
            first = number * BLOCK + 1;
            end = first + BLOCK;
            next = new AtomicInteger(first);
            highest.accumulateAndGet(number, Math::max);
        }

        void fetchSuccessor() {
            if (fetching.compareAndSet(false, true)) {
                executor.execute(() -> {
                    try {
                        successor.complete(new Block(source.take(highest.get() + 1)));
                    } catch (Throwable t) {
                        successor.completeExceptionally(t);
                    }
                });
            }
        }
    }

    /** Takes the first block now, on the calling thread. */
    PlayerIds(Source source, Executor executor) throws Exception {
        this.source = source;
        this.executor = executor;
        this.current = new AtomicReference<>(new Block(source.take(0)));
    }

    /** The next id; waits for a block only when this node used its ids faster than NATS answered. */
    int next() {
        for (;;) {
            Block block = current.get();
            int id = block.next.getAndIncrement();
            if (id < block.end) {
                if (id == block.first + BLOCK / 2) {
                    block.fetchSuccessor();
                }
                return id;
            }
            block.fetchSuccessor();
            try {
                current.compareAndSet(block, block.successor.get(WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("no player ids: the next block did not come from NATS within "
                        + WAIT_SECONDS + " s", e);
            }
        }
    }

    /**
     * After the NATS store may have been lost: raises the counter past every block this node
     * had, by taking (and leaving unused) the next one, so no other node is given ours again.
     */
    void reassert() {
        executor.execute(() -> {
            try {
                highest.accumulateAndGet(source.take(highest.get() + 1), Math::max);
            } catch (Exception e) {
                // the next block fetched raises it as well
            }
        });
    }
}
