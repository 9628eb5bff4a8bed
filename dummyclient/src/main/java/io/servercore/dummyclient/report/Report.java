package io.servercore.dummyclient.report;

import io.servercore.dummyclient.attack.AttackResult;
import io.servercore.dummyclient.config.Mode;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.metrics.ErrorCodes;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.Section;
import io.servercore.dummyclient.player.Pacer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Turns a {@link SwarmResult} into the figures an operator reads, in sections, and renders
 * them as the end-of-run summary table. {@link Json} renders the same sections.
 *
 * <p>Rates are per second of load: from the end of the ramp to the stop. "Asked" is what the
 * flags ask of the sessions that got in; "sent" what went out; the difference is the
 * shortfall, split into slots the client was too late for and slots held back because the
 * server was not reading (bytes piled up unsent).
 *
 * <p>Stateless and thread-safe.
 */
public final class Report {
    private static final int LABEL_WIDTH = 34;

    private Report() {
    }

    static List<Section> sections(SwarmResult r) {
        List<Section> out = new ArrayList<>();
        out.add(run(r));
        if (r.config.clients() > 0) {
            players(r, out);
        }
        if (r.config.attack().any()) {
            if (r.config.clients() > 0) {
                out.add(underAttack(r));
            }
            for (AttackResult attack : r.attacks) {
                out.add(attack.section());
            }
        }
        return out;
    }

    /** The players' sections: what a player felt. */
    private static void players(SwarmResult r, List<Section> out) {
        out.add(sessions(r));
        if (r.config.mode() == Mode.ECHO) {
            out.add(echo(r));
            out.add(latency("roundTripMs", "round trip (C_Ping to S_Pong)", r.pingRtt));
        } else {
            out.add(chats(r));
            out.add(latency("chatLatencyMs", "chat latency (send to own copy back)", r.chatLatency));
            out.add(moves(r));
            out.add(pings(r));
            out.add(latency("pingRttMs", "heartbeat round trip", r.pingRtt));
        }
        out.add(backlog(r));
        out.add(counts("errors", "S_Error by code", r.errorsByCode, code -> code + " " + ErrorCodes.name(code)));
        out.add(counts("disconnects", "disconnects before the end, by cause", r.disconnectsByCause, Enum::name));
    }

    /** The summary table, then the verdict with each failure on its own line. */
    public static String table(SwarmResult r) {
        StringBuilder out = new StringBuilder();
        for (Section section : sections(r)) {
            out.append(section.title()).append('\n');
            if (section.figures().isEmpty()) {
                out.append("  none\n");
            }
            for (Figure f : section.figures()) {
                out.append("  ").append(pad(f.label())).append(f.display()).append('\n');
            }
        }
        List<String> failures = r.failures();
        if (failures.isEmpty()) {
            out.append("RESULT: OK (exit 0)\n");
        } else {
            out.append("RESULT: FAILED (exit ").append(SwarmResult.FAILED).append(")\n");
            for (String failure : failures) {
                out.append("  - ").append(failure).append('\n');
            }
        }
        return out.toString();
    }

    private static Section run(SwarmResult r) {
        SwarmConfig c = r.config;
        List<Figure> f = new ArrayList<>(List.of(
                Figure.text("mode", "mode", c.mode().flagValue()),
                Figure.text("server", "server", c.host() + ":" + c.port()),
                Figure.count("clients", "sessions asked for", c.clients()),
                Figure.count("rooms", "rooms", c.mode() == Mode.ECHO ? 0 : c.rooms()),
                Figure.real("rampSeconds", "ramp (connect and enter)", r.rampNanos / 1e9, 2, "s"),
                Figure.real("loadSeconds", "load", r.loadNanos / 1e9, 2, "s"),
                Figure.real("drainSeconds", "drain (in-flight arriving)", r.drainNanos / 1e9, 2, "s")));
        if (c.attack().any()) {
            StringJoiner modes = new StringJoiner(",");
            c.attack().modes().forEach(m -> modes.add(m.flag));
            f.add(Figure.text("attacks", "attacks", modes.toString()));
            f.add(Figure.real("attacksFromSeconds", "attacks from, into the load", r.calmNanos / 1e9, 2, "s"));
        }
        return new Section("run", "run", f);
    }

    /** Whether the attacks disturbed the players: latency before and during, attackers they still see. */
    private static Section underAttack(SwarmResult r) {
        return new Section("playersUnderAttack", "players during the attacks", List.of(
                ms("chatP99BeforeMs", "chat latency p99 before", r.chatLatencyCalm),
                ms("chatP99DuringMs", "chat latency p99 during", r.chatLatencyAttacked),
                ms("chatMaxDuringMs", "chat latency max during", r.chatLatencyAttacked.getTotalCount() > 0,
                        r.chatLatencyAttacked.getMaxValue()),
                Figure.count("attackerPacketsSeen", "attackers' chats received",
                        r.count(Counter.ATTACKER_PACKETS_SEEN)),
                Figure.count("attackerLeavesSeen", "attacker leaves seen (all players)",
                        r.count(Counter.ATTACKER_LEAVES_SEEN)),
                Figure.count("attackersStillSeen", "attackers still seen at the end",
                        r.count(Counter.ATTACKERS_IN_VIEW))));
    }

    private static Figure ms(String key, String label, Histogram h) {
        return ms(key, label, h.getTotalCount() > 0, h.getValueAtPercentile(99));
    }

    private static Section sessions(SwarmResult r) {
        return new Section("sessions", "sessions", List.of(
                Figure.count("connected", "connected", r.count(Counter.CONNECTED)),
                Figure.count("ready", r.config.mode() == Mode.ECHO ? "ready" : "in their room", r.count(Counter.READY)),
                Figure.count("connectFailures", "connect failures", r.count(Counter.CONNECT_FAILURES)),
                Figure.count("entryRefused", "refused entry", r.count(Counter.ENTRY_REFUSED)),
                Figure.count("disconnected", "disconnected before the end", r.count(Counter.UNEXPECTED_DISCONNECTS)),
                Figure.count("protocolErrors", "protocol errors (server's)", r.count(Counter.PROTOCOL_ERRORS)),
                Figure.count("unexpectedPackets", "packets out of place", r.count(Counter.UNEXPECTED_PACKETS))));
    }

    private static Section chats(SwarmResult r) {
        List<Figure> f = new ArrayList<>(sends(r, "chat", r.config.chatRate(), Pacer.Kind.CHAT));
        f.add(Figure.count("echoed", "came back to their sender", r.count(Counter.CHATS_ECHOED)));
        f.add(Figure.count("delivered", "delivered (all receivers)", r.count(Counter.CHAT_DELIVERIES)));
        f.add(Figure.count("predicted", "predicted by room sizes", r.count(Counter.CHAT_PREDICTED)));
        f.add(Figure.real("deliveredPerSecond", "delivered", r.perSecond(r.count(Counter.CHAT_DELIVERIES)), 1, "/s"));
        f.add(Figure.real("predictedPerSecond", "predicted", r.perSecond(r.count(Counter.CHAT_PREDICTED)), 1, "/s"));
        f.add(Figure.count("orderViolations", "out of sender order", r.count(Counter.ORDER_VIOLATIONS)));
        f.add(Figure.count("gaps", "missing between two of a sender", r.count(Counter.ORDER_GAPS)));
        return new Section("chats", "chats", f);
    }

    private static Section moves(SwarmResult r) {
        List<Figure> f = new ArrayList<>(sends(r, "move", r.config.moveRate(), Pacer.Kind.MOVE));
        f.add(Figure.count("delivered", "delivered (all receivers)", r.count(Counter.MOVE_DELIVERIES)));
        f.add(Figure.count("predicted", "predicted by room sizes", r.count(Counter.MOVE_PREDICTED)));
        return new Section("moves", "moves", f);
    }

    /** Heartbeats run from entry on, through the ramp: counted, but not as a rate of the load. */
    private static Section pings(SwarmResult r) {
        List<Figure> f = new ArrayList<>();
        f.add(Figure.real("intervalSeconds", "interval", r.config.pingIntervalSeconds(), 3, "s"));
        f.addAll(outcomes(r, Pacer.Kind.PING));
        f.add(Figure.count("pongs", "answered", r.count(Counter.PONGS)));
        return new Section("pings", "heartbeat pings (from entry on)", f);
    }

    private static Section echo(SwarmResult r) {
        long trips = r.count(Counter.PONGS);
        return new Section("echo", "echo", List.of(
                Figure.count("window", "pings in flight per session", r.config.window()),
                Figure.count("pingsSent", "pings sent", r.count(Counter.PINGS_SENT)),
                Figure.count("roundTrips", "round trips", trips),
                Figure.real("roundTripsPerSecond", "round trips", r.perSecond(trips), 1, "/s"),
                Figure.count("dropped", "dropped by the server (S_Error 3)", r.count(Counter.PINGS_DROPPED))));
    }

    /** Asked against sent for one kind of send, and where the shortfall went. */
    private static List<Figure> sends(SwarmResult r, String what, double ratePerSession, Pacer.Kind kind) {
        double asked = ratePerSession * r.count(Counter.READY);
        double achieved = r.perSecond(r.count(kind.sent));
        List<Figure> f = new ArrayList<>(List.of(
                Figure.real("askedPerSecond", what + "s asked", asked, 1, "/s"),
                Figure.real("sentPerSecond", what + "s sent", achieved, 1, "/s"),
                Figure.real("achievedPercent", "achieved", asked == 0 ? Double.NaN : 100 * achieved / asked, 1, "%")));
        f.addAll(outcomes(r, kind));
        return f;
    }

    /** How the slots of one kind ended: sent, skipped because late, held back. */
    private static List<Figure> outcomes(SwarmResult r, Pacer.Kind kind) {
        return List.of(
                Figure.count("sent", "sent", r.count(kind.sent)),
                Figure.count("lateSkipped", "skipped, client too late", r.count(kind.late)),
                Figure.count("heldBack", "held back, server not reading", r.count(kind.held)));
    }

    private static Section latency(String key, String title, Histogram h) {
        boolean any = h.getTotalCount() > 0;
        return new Section(key, title + ", ms", List.of(
                Figure.count("count", "samples", h.getTotalCount()),
                ms("p50", "p50", any, h.getValueAtPercentile(50)),
                ms("p99", "p99", any, h.getValueAtPercentile(99)),
                ms("p999", "p99.9", any, h.getValueAtPercentile(99.9)),
                ms("max", "max", any, h.getMaxValue()),
                ms("mean", "mean", any, h.getMean())));
    }

    private static Figure ms(String key, String label, boolean any, double micros) {
        return Figure.real(key, label, any ? micros / 1000 : Double.NaN, 3, "ms");
    }

    private static Section backlog(SwarmResult r) {
        return new Section("backlog", "bytes queued by the swarm but not yet written", List.of(
                Figure.count("queuedAtStop", "when the load stopped", r.queuedAtStop),
                Figure.count("peakQueued", "most at any second", r.peakQueued)));
    }

    private static <K> Section counts(String key, String title, Map<K, Long> counts,
                                      Function<K, String> name) {
        List<Figure> f = new ArrayList<>();
        counts.forEach((k, n) -> f.add(Figure.count(String.valueOf(k), name.apply(k), n)));
        return new Section(key, title, f);
    }

    private static String pad(String label) {
        StringBuilder out = new StringBuilder(label);
        while (out.length() < LABEL_WIDTH) {
            out.append(' ');
        }
        return out.append(' ').toString();
    }
}
