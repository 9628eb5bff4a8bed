package io.servercore.dummyclient.metrics;

import io.servercore.net.DisconnectReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the swarm counts while it runs: the {@link Counter}s, the chat latency and ping
 * round-trip distributions, S_Error codes, disconnect causes, and a few sample messages of
 * what went wrong.
 *
 * <p>Threading: every recording method may be called from any thread (I/O threads, the
 * pacer, the runner) and never blocks; the read methods give a moment's view and may be
 * called from any thread too, except the {@link Latency} readers, which belong to the runner.
 */
public final class Metrics extends Tally<Counter> {
    private static final int MAX_SAMPLES = 5;

    public final Latency chatLatency = new Latency();
    /** With attacks: the chat latency of chats due before the attacks started, and after. */
    public final Latency chatLatencyCalm = new Latency();
    public final Latency chatLatencyAttacked = new Latency();
    public final Latency pingRtt = new Latency();

    /** Filled for every reason up front and never changed: reads need no lock. */
    private final Map<DisconnectReason, LongAdder> disconnectsByCause = new EnumMap<>(DisconnectReason.class);
    private final Samples connectFailures = new Samples();
    private final Samples protocolErrors = new Samples();

    Metrics() {
        super(Counter.class);
        for (DisconnectReason reason : DisconnectReason.values()) {
            disconnectsByCause.put(reason, new LongAdder());
        }
    }

    /** Sessions connected and not yet reported closed. */
    public long openSessions() {
        return get(Counter.CONNECTED) - get(Counter.DISCONNECTS);
    }

    public void serverError(int code) {
        add(Counter.SERVER_ERRORS);
        addCode(code);
    }

    /** A disconnect the swarm did not ask for. */
    public void unexpectedDisconnect(DisconnectReason reason) {
        add(Counter.UNEXPECTED_DISCONNECTS);
        disconnectsByCause.get(reason).increment();
    }

    public void connectFailed(Throwable cause) {
        add(Counter.CONNECT_FAILURES);
        connectFailures.add(String.valueOf(cause.getMessage()));
    }

    public void protocolError(String detail) {
        add(Counter.PROTOCOL_ERRORS);
        protocolErrors.add(detail);
    }

    /** S_Error counts by code, codes in order, codes never seen left out. */
    public Map<Integer, Long> errorsByCode() {
        return codes();
    }

    /** Unexpected disconnects by cause, causes never seen left out. */
    public Map<DisconnectReason, Long> disconnectsByCause() {
        Map<DisconnectReason, Long> out = new EnumMap<>(DisconnectReason.class);
        disconnectsByCause.forEach((reason, n) -> {
            if (n.sum() > 0) {
                out.put(reason, n.sum());
            }
        });
        return out;
    }

    public List<String> connectFailureSamples() {
        return connectFailures.list();
    }

    public List<String> protocolErrorSamples() {
        return protocolErrors.list();
    }

    /** The first few messages of one kind; later ones are only counted elsewhere. */
    private static final class Samples {
        private final ConcurrentLinkedQueue<String> kept = new ConcurrentLinkedQueue<>();
        private final AtomicInteger seen = new AtomicInteger();

        void add(String message) {
            if (seen.incrementAndGet() <= MAX_SAMPLES) {
                kept.add(message);
            }
        }

        List<String> list() {
            return List.copyOf(kept);
        }
    }
}
