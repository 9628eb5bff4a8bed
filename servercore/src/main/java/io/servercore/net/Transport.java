package io.servercore.net;

import io.servercore.transport.LoopChannelProvider;
import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;

/**
 * The port under an {@link IoCore}'s proactor: which {@code AsynchronousChannelProvider} backs
 * its channel group. The engine above it is the same either way; only the cost of each read,
 * write and hand-off differs.
 *
 * <p>The default is {@link #SERVERCORE} on Linux and {@link #JDK} elsewhere; the system property
 * {@value #PROPERTY} ({@code servercore} or {@code jdk}) overrides it for a whole process.
 *
 * <p>Immutable; thread-safe.
 */
public enum Transport {
    /**
     * servercore's own provider ({@link io.servercore.transport.LoopChannelProvider}): one
     * selector loop per I/O thread owning its channels, level-triggered reads, reads and writes
     * tried at once on the owning loop, operations from other threads handed over with at most
     * one wake-up per park, and one gathering write per session that was sent to during a loop
     * iteration.
     */
    SERVERCORE("servercore"),
    /**
     * The JDK's own provider ({@code sun.nio.ch.EPollPort} on Linux): one shared epoll port,
     * EPOLLONESHOT re-armed per operation, writes tried at once only from its own threads.
     */
    JDK("jdk");

    /** The system property that picks the default transport of a process. */
    public static final String PROPERTY = "servercore.transport";

    private final String id;

    Transport(String id) {
        this.id = id;
    }

    /** The name flags and the system property use: {@code servercore} or {@code jdk}. */
    public String id() {
        return id;
    }

    /**
     * The transport named {@code name} ({@link #id()}, any case).
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static Transport parse(String name) {
        for (Transport t : values()) {
            if (t.id.equalsIgnoreCase(String.valueOf(name).trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("transport '" + name + "' is unknown, allowed: " + allowed());
    }

    /** The allowed names, separated by |, for messages and help texts. */
    public static String allowed() {
        return Arrays.stream(values()).map(Transport::id).collect(Collectors.joining("|"));
    }

    /** {@value #PROPERTY} if set, else {@link #SERVERCORE} on Linux and {@link #JDK} elsewhere. */
    public static Transport defaultTransport() {
        String chosen = System.getProperty(PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            return parse(chosen);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") ? SERVERCORE : JDK;
    }

    /** Opens a channel group of {@code threads} I/O threads made by {@code factory}. */
    AsynchronousChannelGroup open(int threads, ThreadFactory factory) throws IOException {
        return this == SERVERCORE
                ? new LoopChannelProvider().openAsynchronousChannelGroup(threads, factory)
                : AsynchronousChannelGroup.withFixedThreadPool(threads, factory);
    }

    @Override
    public String toString() {
        return id;
    }
}
