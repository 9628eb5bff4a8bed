package io.servercore.net;

import io.servercore.buffer.SendBuffer;
import io.servercore.job.Cancellable;
import io.servercore.packet.FrameCutter;
import java.io.IOException;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session factory and the set of live sessions made by it, with a cap on their number:
 * the course's Service. {@link ServerService} fills it from a listener, {@link ClientService}
 * by connecting.
 *
 * <p>A session joins the set when its connection is established and leaves it when its
 * disconnect is reported, so the set may hold sessions that are already closing; sending to
 * one of those is a no-op that releases the slice. Iterating the set is safe while sessions
 * come and go (it is a concurrent map's weakly consistent view).
 *
 * <p>Thread safety: all public methods may be called from any thread.
 */
public abstract class Service implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Service.class);

    private final IoCore core;
    private final ServiceConfig config;
    private final Supplier<? extends Session> factory;
    private final FrameCutter frameCutter;
    private final ServiceStats stats;
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    /** Sessions registered plus connections being set up; bounded by maxSessions. */
    private final AtomicInteger slots = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong();
    private final LogLimiter refusedLog = new LogLimiter(1, TimeUnit.SECONDS);
    private final Object idleMonitor = new Object();
    private volatile boolean closed;
    private volatile Cancellable idleSweep;

    Service(IoCore core, ServiceConfig config, Supplier<? extends Session> factory) {
        if (core == null || config == null || factory == null) {
            throw new IllegalArgumentException("core, config and factory are required");
        }
        this.core = core;
        this.config = config;
        this.factory = factory;
        this.frameCutter = new FrameCutter(config.maxFrameSize());
        this.stats = new ServiceStats(this);
    }

    public final IoCore core() {
        return core;
    }

    public final ServiceConfig config() {
        return config;
    }

    final FrameCutter frameCutter() {
        return frameCutter;
    }

    /** What this service counts: sessions, disconnects by reason, bytes and packets in and out. */
    public final ServiceStats stats() {
        return stats;
    }

    /** Sessions connected and not yet reported disconnected. */
    public final int sessionCount() {
        return sessions.size();
    }

    /** A live, unmodifiable view of the sessions; safe to iterate while they come and go. */
    public final Collection<Session> sessions() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    /** The session with this id, or {@code null}. */
    public final Session session(long id) {
        return sessions.get(id);
    }

    public final boolean isClosed() {
        return closed;
    }

    /**
     * Sends {@code slice} to every open session, sharing its bytes (one retain per receiver),
     * and releases the caller's reference. Returns the number of sessions it was queued for.
     */
    public final int broadcast(SendBuffer slice) {
        int queued = 0;
        try {
            for (Session session : sessions.values()) {
                if (!session.isClosed() && session.send(slice.retain())) {
                    queued++;
                }
            }
        } finally {
            slice.release();
        }
        return queued;
    }

    /** Stops taking new sessions and disconnects the open ones with {@link DisconnectReason#SHUTDOWN}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Cancellable sweep = idleSweep;
        if (sweep != null) {
            sweep.cancel();
        }
        for (Session session : sessions.values()) {
            session.disconnect(DisconnectReason.SHUTDOWN);
        }
        signalIfIdle();
    }

    /** Waits until every session of this service has reported its disconnect. */
    public final boolean awaitSessionsClosed(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (idleMonitor) {
            while (slots.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idleMonitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        core.unregister(this);
        return true;
    }

    // ---- engine side -------------------------------------------------------------------

    final void startIdleSweep() {
        core.register(this);
        long timeout = config.idleTimeoutMillis();
        if (timeout > 0) {
            long period = Math.max(10, Math.min(1000, timeout / 4));
            idleSweep = core.timer().scheduleAtFixedRate(this::sweepIdle, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Claims room for one more session; false when closed or at the cap (logged at most once a second). */
    final boolean reserveSlot(String peer) {
        if (closed) {
            stats.refused();
            return false;
        }
        if (slots.incrementAndGet() > config.maxSessions()) {
            releaseSlot();
            stats.refused();
            long held = refusedLog.tryAcquire();
            if (held >= 0) {
                log.warn("{}: refused connection from {}: maxSessions={} reached{}", this, peer,
                        config.maxSessions(), held > 0 ? " (" + held + " more refused since the last line)" : "");
            }
            return false;
        }
        return true;
    }

    final void releaseSlot() {
        if (slots.decrementAndGet() == 0) {
            signalIfIdle();
        }
    }

    /** Makes a session for an established connection, holding a slot, and starts it. */
    final Session startSession(AsynchronousSocketChannel channel) {
        Session session;
        try {
            session = factory.get();
        } catch (Throwable t) {
            log.error("{}: session factory threw; closing the connection", this, t);
            closeQuietly(channel);
            releaseSlot();
            return null;
        }
        session.attach(this, channel, nextId.incrementAndGet());
        stats.opened(); // before it is open: opened minus disconnects never falls below the open count
        sessions.put(session.id(), session);
        if (closed) {
            session.disconnect(DisconnectReason.SHUTDOWN);
        }
        session.start();
        return session;
    }

    final void unregister(Session session) {
        if (sessions.remove(session.id(), session)) {
            stats.disconnected(session.disconnectReason());
            releaseSlot();
        }
    }

    static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was sent on it; there is nothing to lose
        }
    }

    private void signalIfIdle() {
        synchronized (idleMonitor) {
            idleMonitor.notifyAll();
        }
    }

    private void sweepIdle() {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMillis());
        long now = System.nanoTime();
        for (Session session : sessions.values()) {
            if (now - session.lastActivityNanos() > timeoutNanos) {
                session.disconnect(DisconnectReason.IDLE_TIMEOUT,
                        "no complete frame in " + config.idleTimeoutMillis() + " ms");
            }
        }
    }
}
