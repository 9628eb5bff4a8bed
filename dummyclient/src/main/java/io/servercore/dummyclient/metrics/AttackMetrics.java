package io.servercore.dummyclient.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one attack counts: {@link AttackCounter}s, S_Error codes, how long the server took to
 * close a connection once it had reason to, connections open now, and the first message of
 * each kind of thing that went wrong.
 *
 * <p>Threading: written by the attack's tick (one at a time) and, at the end, by the runner;
 * read by the runner for the progress line and the result. Every method is thread-safe and
 * never blocks, except {@link #closeAfter}, whose reading side belongs to the runner.
 */
public final class AttackMetrics extends Tally<AttackCounter> {
    /** From the act the server had to answer with a close to the close, in microseconds. */
    public final Latency closeAfter = new Latency();

    private final Map<AttackCounter, String> firstMessages = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    /** The longest a connection at the end had been waiting for its close, in nanoseconds. */
    private final AtomicLong oldestAtEnd = new AtomicLong();

    public AttackMetrics() {
        super(AttackCounter.class);
    }

    public void serverError(int code) {
        add(AttackCounter.SERVER_ERRORS);
        addCode(code);
    }

    /** Counts one {@code counter} event and keeps {@code message} if it is the first of its kind. */
    public void add(AttackCounter counter, String message) {
        add(counter);
        firstMessages.putIfAbsent(counter, message);
    }

    /** The first message of each kind, in counter order. */
    public Map<AttackCounter, String> firstMessages() {
        Map<AttackCounter, String> out = new EnumMap<>(AttackCounter.class);
        out.putAll(firstMessages);
        return out;
    }

    public void opened() {
        open.incrementAndGet();
    }

    public void ended() {
        open.decrementAndGet();
    }

    /** Connections started and not yet ended. */
    public int open() {
        return open.get();
    }

    public void openAtEnd(long waitedNanos) {
        add(AttackCounter.OPEN_AT_END);
        oldestAtEnd.accumulateAndGet(waitedNanos, Math::max);
    }

    public long oldestAtEnd() {
        return oldestAtEnd.get();
    }
}
