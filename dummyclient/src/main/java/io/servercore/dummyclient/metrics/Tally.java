package io.servercore.dummyclient.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Event counts, one cell per constant of an enum, and counts by number (S_Error codes): what
 * {@link Metrics} and {@link AttackMetrics} both keep.
 *
 * <p>Thread-safe: every cell is a {@link LongAdder}, added to from any thread without
 * blocking; reads give a moment's view.
 *
 * @param <E> the enum of the counters
 */
public class Tally<E extends Enum<E>> {
    private final LongAdder[] counters;
    private final Map<Integer, LongAdder> byCode = new ConcurrentHashMap<>();

    Tally(Class<E> type) {
        counters = new LongAdder[type.getEnumConstants().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
    }

    public final void add(E counter) {
        counters[counter.ordinal()].increment();
    }

    public final void add(E counter, long n) {
        counters[counter.ordinal()].add(n);
    }

    public final long get(E counter) {
        return counters[counter.ordinal()].sum();
    }

    /** Every counter's value now, indexed by its constant's ordinal. */
    public final long[] snapshot() {
        long[] values = new long[counters.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = counters[i].sum();
        }
        return values;
    }

    /** Counts one occurrence of {@code code}. */
    public final void addCode(int code) {
        byCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** The counts by code, codes in order, codes never seen left out. */
    public final Map<Integer, Long> codes() {
        Map<Integer, Long> out = new TreeMap<>();
        byCode.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }
}
