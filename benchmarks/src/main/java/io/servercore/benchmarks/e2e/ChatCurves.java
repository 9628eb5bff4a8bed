package io.servercore.benchmarks.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every climb of every server, round by round: the steps it took and the deliveries it
 * sustained, for the results file's curves and its per-round figures.
 *
 * <p>Not thread-safe; the runner's thread.
 */
final class ChatCurves {
    /** One server's climb in one round. */
    record Climb(int round, List<ChatStep> steps) {
        Climb {
            steps = List.copyOf(steps);
        }

        /** The highest step such that it and every step below it passed; null when the first failed. */
        ChatStep sustained() {
            ChatStep best = null;
            for (ChatStep s : steps) {
                if (!s.passed()) {
                    break;
                }
                best = s;
            }
            return best;
        }

        /** Deliveries a second of {@link #sustained()}, 0 when none passed. */
        double sustainedDeliveries() {
            ChatStep s = sustained();
            return s == null ? 0 : s.delivered();
        }
    }

    private final Map<String, List<Climb>> climbs = new LinkedHashMap<>();

    void add(String server, Climb climb) {
        climbs.computeIfAbsent(server, s -> new ArrayList<>()).add(climb);
    }

    boolean isEmpty() {
        return climbs.isEmpty();
    }

    /**
     * Per server, a table: one row per rate any round tried, one column per round, each cell
     * the step's deliveries, p50, p99 and verdict; then each round's sustained figure.
     */
    String markdown() {
        StringBuilder md = new StringBuilder();
        for (Map.Entry<String, List<Climb>> e : climbs.entrySet()) {
            List<Climb> rounds = e.getValue();
            md.append("### ").append(e.getKey()).append("\n\n| chats/s per session | deliveries/s asked |");
            StringBuilder rule = new StringBuilder("|---:|---:|");
            for (Climb c : rounds) {
                md.append(" round ").append(c.round()).append(" |");
                rule.append("---|");
            }
            md.append('\n').append(rule).append('\n');
            TreeSet<Double> rates = new TreeSet<>();
            rounds.forEach(c -> c.steps().forEach(s -> rates.add(s.rate())));
            for (double rate : rates) {
                ChatStep any = null;
                StringBuilder cells = new StringBuilder();
                for (Climb c : rounds) {
                    ChatStep step = c.steps().stream().filter(s -> s.rate() == rate).findFirst().orElse(null);
                    any = step != null ? step : any;
                    cells.append(' ').append(step == null ? "not tried" : step.cell()).append(" |");
                }
                md.append("| ").append(Harness.fmt(rate)).append(" | ").append(Results.format(any.asked()))
                        .append(" |").append(cells).append('\n');
            }
            md.append("\nSustained (p99 < budget and nothing lost at that step and every step below): ");
            List<String> perRound = new ArrayList<>();
            for (Climb c : rounds) {
                ChatStep s = c.sustained();
                perRound.add("round " + c.round() + " " + (s == null ? "none"
                        : Results.format(s.delivered()) + "/s at " + Harness.fmt(s.rate()) + " chats/s per session"));
            }
            md.append(String.join("; ", perRound)).append(".\n\n");
        }
        return md.toString();
    }

    /** A server's climbs, in round order. */
    List<Climb> of(String server) {
        return climbs.getOrDefault(server, List.of());
    }
}
