package io.servercore.benchmarks.e2e;

import io.servercore.benchmarks.e2e.Results.Better;
import io.servercore.benchmarks.e2e.Results.Row;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memory per idle session. Bare sessions only connect; entered ones send C_EnterRoom, get
 * S_EnterRoom, and then are quiet, in rooms of {@link Plan#roomSize()}. The sessions are plain
 * blocking sockets of this JVM, so nothing but the server is measured. Two measurements, each
 * on a fresh server JVM:
 *
 * <ul>
 *   <li>Resident memory, the goal's figure: RSS (from /proc) with the server settled and
 *       empty, then with the sessions held and the server settled again; the difference over
 *       the sessions. The heap is reserved, not touched, at start, so this also counts the heap
 *       pages that the sessions' objects and the garbage of opening them first touched.
 *   <li>The same split in two, on a JVM whose heap is touched at start
 *       ({@code -XX:+AlwaysPreTouch}): the RSS difference, now native memory only (direct
 *       buffers, sockets' bookkeeping, metaspace), and the live heap after a full GC
 *       ({@code jcmd}), with the sessions held less without; their sum is what a session holds,
 *       without garbage.
 * </ul>
 *
 * <p>Stateless; the runner's thread.
 */
final class IdleMemory {
    /** Time for the server's threads and allocator to go quiet before reading RSS. */
    private static final long SETTLE_MILLIS = 2_000;

    private IdleMemory() {
    }

    static Row bareRow(Plan plan) {
        return new Row(String.format(Locale.ROOT, "idle sessions, %,d bare connected", plan.idleSessions()),
                "resident memory per session", "bytes", Better.LESS);
    }

    static Row roomsRow(Plan plan) {
        return new Row(String.format(Locale.ROOT, "idle sessions, %,d entered in rooms of %d", plan.roomSessions(),
                plan.roomSize()), "resident memory per session", "bytes", Better.LESS);
    }

    static void bare(Harness h, ServerSpec spec) throws IOException, InterruptedException {
        Row row = bareRow(h.plan);
        resident(h, spec, row, h.plan.idleSessions(), false);
        split(h, spec, row, h.plan.idleSessions(), false);
    }

    static void rooms(Harness h, ServerSpec spec) throws IOException, InterruptedException {
        Row row = roomsRow(h.plan);
        resident(h, spec, row, h.plan.roomSessions(), true);
        split(h, spec, row, h.plan.roomSessions(), true);
    }

    private static void resident(Harness h, ServerSpec spec, Row row, int sessions, boolean enter)
            throws IOException, InterruptedException {
        try (ServerProcess s = h.startServer(spec)) {
            RawClient.ping(s.port()); // loads the classes a session needs before the first reading
            Thread.sleep(SETTLE_MILLIS);
            long before = s.rssKiB();
            List<Socket> sockets = new ArrayList<>(sessions);
            try {
                open(h, s, sockets, sessions, enter);
                long after = s.rssKiB();
                double perSession = (after - before) * 1024.0 / sessions;
                h.out.printf("  %s: %s: RSS %,d KiB before, %,d KiB after: %,.0f bytes per session%n", spec.name(),
                        row.scenario(), before, after, perSession);
                h.table.add(row, spec.name(), perSession);
            } finally {
                close(sockets);
            }
        }
    }

    private static void split(Harness h, ServerSpec spec, Row row, int sessions, boolean enter)
            throws IOException, InterruptedException {
        try (ServerProcess s = h.startServer(spec, "-XX:+AlwaysPreTouch")) {
            RawClient.ping(s.port());
            Thread.sleep(SETTLE_MILLIS);
            long heapBefore = s.liveHeapKiB();
            long before = s.rssKiB();
            List<Socket> sockets = new ArrayList<>(sessions);
            try {
                open(h, s, sockets, sessions, enter);
                long after = s.rssKiB();
                long heapAfter = s.liveHeapKiB();
                double nativePerSession = (after - before) * 1024.0 / sessions;
                double heapPerSession = (heapAfter - heapBefore) * 1024.0 / sessions;
                h.out.printf("  %s: %s, heap touched at start: native %,.0f + live heap %,.0f = %,.0f bytes per"
                        + " session%n", spec.name(), row.scenario(), nativePerSession, heapPerSession,
                        nativePerSession + heapPerSession);
                h.table.add(new Row(row.scenario(), "native + live heap per session (heap touched at start)", "bytes",
                        Better.LESS), spec.name(), nativePerSession + heapPerSession);
                h.table.add(new Row(row.scenario(), "of which native (RSS, heap touched at start)", "bytes",
                        Better.NEITHER), spec.name(), nativePerSession);
                h.table.add(new Row(row.scenario(), "of which live heap (after a full GC)", "bytes", Better.NEITHER),
                        spec.name(), heapPerSession);
            } finally {
                close(sockets);
            }
        }
    }

    /** Opens (and enters) the sessions, then waits until the server has caught up and settled. */
    private static void open(Harness h, ServerProcess s, List<Socket> sockets, int sessions, boolean enter)
            throws IOException, InterruptedException {
        int rooms = Math.max(1, sessions / h.plan.roomSize());
        for (int i = 0; i < sessions; i++) {
            Socket socket = RawClient.connect(s.port(), 5_000);
            sockets.add(socket);
            if (enter) {
                RawClient.enter(socket, "room-" + (i % rooms), "idle-" + i);
            }
        }
        RawClient.ping(s.port()); // answered only once the server has caught up with the accepts
        Thread.sleep(SETTLE_MILLIS);
    }

    private static void close(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }
}
