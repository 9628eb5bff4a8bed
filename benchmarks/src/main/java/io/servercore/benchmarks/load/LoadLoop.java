package io.servercore.benchmarks.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The generator's one loop, on one {@link Selector}: connects the sessions (a few connects in
 * flight at a time, so the server's accept backlog never overflows), enters them in their rooms,
 * then runs the load for the asked seconds, ends a second at each second's boundary, and last
 * waits for what is still on its way. Each iteration: end the second if its time has come,
 * send what is due, flush every session written to, then select until the next due send or
 * second, handling each ready key as it comes ({@link #accept}: no selected-key set, no
 * iterator). A burst can make hundreds of sessions readable at once, and reading them all
 * takes milliseconds; chats that fall due meanwhile are sent between two keys, so a burst
 * does not make the sends late.
 *
 * <p>Waiting: select's timeout is whole milliseconds, rounded down here, and a wait under one
 * sleeps one, so a send can go out up to a millisecond late when no data wakes the loop first.
 * With {@link LoadConfig#pollMicros()} the loop polls ({@code selectNow}) that close to a due
 * send instead of sleeping.
 *
 * <p>Not thread-safe: everything here, the sessions included, belongs to the one thread that
 * calls {@link #run}.
 */
final class LoadLoop implements Consumer<SelectionKey>, AutoCloseable {
    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;
    /** Connects in flight at once: well under any accept backlog. */
    private static final int CONNECTS_IN_FLIGHT = 32;

    private final LoadConfig config;
    private final PrintWriter out;
    private final boolean chat;
    private final InetSocketAddress address;
    private final Selector selector;
    private final LoadSession[] sessions;
    private final Tally tally = new Tally();
    private final Outbox outbox;
    private final Receiver receiver;
    private final ChatPacer pacer;
    private final Series series;
    private final long pollNanos;
    private int nextToOpen;
    private int connecting;
    /** Chat, during the load: when the next chat is due; {@link Long#MAX_VALUE} otherwise. */
    private long nextDue = Long.MAX_VALUE;

    LoadLoop(LoadConfig config, PrintWriter out) throws IOException {
        this.config = config;
        this.out = out;
        this.chat = config.mode() == LoadConfig.Mode.CHAT;
        this.address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve --host " + config.host());
        }
        this.sessions = new LoadSession[config.sessions()];
        int outCapacity = chat ? Math.min(1 << 16, Math.max(4096, 64 * Wire.chatFrameLength(config.payload())))
                : Math.max(4096, config.window() * Wire.PING_LENGTH);
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = new LoadSession(i, chat ? config.roomOf(i) : -1, outCapacity,
                    chat ? config.largestRoom() : 0);
        }
        this.outbox = new Outbox(sessions, tally);
        this.receiver = new Receiver(config, tally, outbox);
        this.pacer = chat ? new ChatPacer(config, sessions, outbox, tally) : null;
        this.series = new Series(config, tally, pacer, out);
        this.pollNanos = chat ? config.pollMicros() * 1000L : 0;
        this.selector = Selector.open();
    }

    /** Connects, loads, drains and closes; the report of it all. */
    Report run() throws IOException {
        long rampStart = System.nanoTime();
        double drainMillis = 0;
        if (ramp(rampStart + config.readySeconds() * SECOND)) {
            out.printf(Locale.ROOT, "ready: %d sessions%s in %.1f s%n", tally.ready, chat ? " in " + config.rooms()
                    + " rooms" : "", (System.nanoTime() - rampStart) / 1e9);
            load();
            drainMillis = drain();
        } else {
            out.printf(Locale.ROOT, "not ready: %d of %d sessions after %d s%n", tally.ready, config.sessions(),
                    config.readySeconds());
        }
        return Summary.of(config, tally, series.seconds(), drainMillis);
    }

    /** Opens every session and, in chat mode, enters it in its room; false when not all made it in time. */
    private boolean ramp(long deadline) throws IOException {
        while (tally.ready < sessions.length) {
            if (System.nanoTime() >= deadline || tally.ready + tally.closed >= sessions.length) {
                return false;
            }
            openMore();
            outbox.flushAll();
            selector.select(this, 10);
        }
        return true;
    }

    private void openMore() {
        while (connecting < CONNECTS_IN_FLIGHT && nextToOpen < sessions.length) {
            LoadSession s = sessions[nextToOpen++];
            try {
                SocketChannel ch = SocketChannel.open();
                s.channel = ch;
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                tally.opened++;
                if (ch.connect(address)) {
                    s.key = ch.register(selector, SelectionKey.OP_READ, s);
                    onConnected(s);
                } else {
                    s.key = ch.register(selector, SelectionKey.OP_CONNECT, s);
                    connecting++;
                }
            } catch (IOException e) {
                tally.close(s, "cannot connect to " + address + ": " + e.getMessage());
            }
        }
    }

    private void onConnectable(LoadSession s) {
        connecting--;
        try {
            s.channel.finishConnect();
        } catch (IOException e) {
            tally.close(s, "cannot connect to " + address + ": " + e.getMessage());
            return;
        }
        s.key.interestOps(SelectionKey.OP_READ);
        onConnected(s);
    }

    private void onConnected(LoadSession s) {
        s.connected = true;
        tally.connected++;
        if (chat) {
            Wire.putEnterRoom(s.out, ("room-" + s.room).getBytes(StandardCharsets.UTF_8),
                    ("p" + s.index).getBytes(StandardCharsets.UTF_8));
            outbox.mark(s);
        } else {
            s.ready = true;
            tally.ready++;
        }
    }

    /** The seconds of load, one progress line each. */
    private void load() throws IOException {
        long start = System.nanoTime();
        long end = start + config.seconds() * SECOND;
        long steadyAfter = config.warmUp() * SECOND;
        receiver.loadStart = start;
        receiver.steadyAfter = steadyAfter;
        series.startSecond();
        if (chat) {
            pacer.start(start, end, steadyAfter);
        } else {
            receiver.pinging = true;
            for (LoadSession s : sessions) {
                for (int i = 0; i < config.window() && !s.closed; i++) {
                    Wire.putPing(s.out, System.nanoTime());
                    s.inFlight++;
                    tally.sent++;
                    outbox.mark(s);
                }
            }
        }
        long nextSecond = start + SECOND;
        int second = 0;
        long cpu = ThreadCost.cpuNanos();
        long allocated = ThreadCost.allocatedBytes();
        while (true) {
            long now = System.nanoTime();
            if (now >= nextSecond) {
                series.endSecond(second++, nextSecond);
                if (second == config.warmUp()) {
                    cpu = ThreadCost.cpuNanos();
                    allocated = ThreadCost.allocatedBytes();
                }
                if (second == config.seconds()) {
                    break;
                }
                nextSecond += SECOND;
            }
            if (chat) {
                pacer.sendDue(now);
                nextDue = pacer.nextDue();
            }
            outbox.flushAll();
            await(Math.min(nextSecond, nextDue));
        }
        nextDue = Long.MAX_VALUE;
        receiver.pinging = false;
        if (cpu >= 0) {
            tally.steadyCpuNanos = ThreadCost.cpuNanos() - cpu;
        }
        if (allocated >= 0) {
            tally.steadyAllocatedBytes = ThreadCost.allocatedBytes() - allocated;
        }
    }

    /** Selects until {@code wake} ({@link System#nanoTime()}), handling what comes meanwhile. */
    private void await(long wake) throws IOException {
        long wait = wake - System.nanoTime();
        if (wait <= 0) {
            selector.selectNow(this);
            return;
        }
        long sleepMillis = (wait - pollNanos) / MILLI;
        if (sleepMillis >= 1) {
            selector.select(this, sleepMillis);
        } else if (pollNanos > 0) {
            selector.selectNow(this);
        } else {
            selector.select(this, 1);
        }
    }

    /** Waits, up to the drain time, until everything sent has arrived; returns how long it took in ms. */
    private double drain() throws IOException {
        long start = System.nanoTime();
        long deadline = start + config.drainSeconds() * SECOND;
        while (!settled() && System.nanoTime() < deadline) {
            outbox.flushAll();
            selector.select(this, 1);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private boolean settled() {
        return chat ? tally.delivered >= tally.predicted : tally.roundTrips >= tally.sent;
    }

    @Override
    public void accept(SelectionKey key) {
        LoadSession s = (LoadSession) key.attachment();
        if (!key.isValid()) {
            return;
        }
        int ready = key.readyOps();
        if ((ready & SelectionKey.OP_CONNECT) != 0) {
            onConnectable(s);
        }
        if (!s.closed && (ready & SelectionKey.OP_WRITE) != 0) {
            outbox.onWritable(s);
        }
        if (!s.closed && (ready & SelectionKey.OP_READ) != 0) {
            receiver.onReadable(s);
            long now = receiver.readTime();
            if (now >= nextDue) {
                pacer.sendDue(now);
                nextDue = pacer.nextDue();
                outbox.flushAll();
            }
        }
    }

    /** Closes every session and the selector. */
    @Override
    public void close() throws IOException {
        for (LoadSession s : sessions) {
            s.close();
        }
        selector.close();
    }
}
