package io.servercore.course;

import io.servercore.buffer.SendBufferManager;
import io.servercore.course.packet.ServerPacketManager;
import io.servercore.job.JobTimer;
import io.servercore.net.IoCore;
import io.servercore.net.ServerService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running game: the engine, the listener, the one {@link GameRoom} and its flush tick,
 * and the packet manager generated from the course's {@code PDL.xml}. The course keeps these
 * in statics of {@code Program} and {@code SessionManager}; here one object owns them, so a
 * test can run several.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, once or more; the accessors
 * return objects that are safe to share.
 */
public final class CourseServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CourseServer.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final CourseServerConfig config;
    private final IoCore core;
    private final GameRoom room;
    private final ServerPacketManager<ClientSession> packets;
    /** The course's SessionManager hands out SessionId = ++_sessionId; so does this, from 1. */
    private final AtomicInteger lastPlayerId = new AtomicInteger();
    /** Sessions connected whose disconnect has not been handled yet. */
    private final AtomicInteger online = new AtomicInteger();
    private volatile ServerService service;
    private volatile boolean closed;

    private CourseServer(CourseServerConfig config, IoCore core, JobTimer timer) {
        this.config = config;
        this.core = core;
        this.room = new GameRoom(core::execute, timer, config.flushMillis(), config.maxPlayers(),
                SendBufferManager.shared());
        this.packets = new ServerPacketManager<>(new PacketHandler());
    }

    /**
     * Binds {@code host:port}, starts the room's flush tick on the engine's timer, and serves.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    public static CourseServer start(CourseServerConfig config) throws IOException {
        return start(config, IoCore::timer);
    }

    /** As {@link #start(CourseServerConfig)}, with the room's flush tick on the timer {@code timers} gives. */
    static CourseServer start(CourseServerConfig config, Function<IoCore, JobTimer> timers) throws IOException {
        IoCore core = new IoCore("io", config.threads());
        CourseServer server;
        try {
            server = new CourseServer(config, core, timers.apply(core));
            server.room.start();
            server.service = ServerService.start(core, config.serviceConfig(),
                    () -> new ClientSession(server, server.lastPlayerId.incrementAndGet()));
        } catch (IOException | RuntimeException e) {
            core.close();
            throw e;
        }
        log.info("course-part4 listening on {}:{} ({} I/O threads, room flush every {} ms, max {} players)",
                config.host(), server.address().getPort(), config.threads(), config.flushMillis(),
                config.maxPlayers());
        return server;
    }

    /** The bound address; tells the port when the config asked for 0. */
    public InetSocketAddress address() {
        return service.localAddress();
    }

    /** Players connected whose disconnect has not been handled yet (their leave is on the room's queue). */
    public int playersOnline() {
        return online.get();
    }

    GameRoom room() {
        return room;
    }

    ServerPacketManager<ClientSession> packets() {
        return packets;
    }

    void connected() {
        online.incrementAndGet();
    }

    void disconnected() {
        online.decrementAndGet();
    }

    /**
     * Stops accepting, closes every session (the room hears each leave), stops the flush tick
     * and drops the broadcasts not yet flushed, then stops the engine.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ServerService s = service;
        log.info("course-part4 stopping: {} players online", online.get());
        s.close();
        if (!s.awaitSessionsClosed(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            log.warn("{} sessions still open after {} ms", s.sessionCount(), CLOSE_WAIT_MILLIS);
        }
        try {
            room.close().get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("the room did not close within {} ms", CLOSE_WAIT_MILLIS);
        } catch (ExecutionException e) {
            log.error("closing the room failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        core.close();
        log.info("course-part4 stopped");
    }
}
