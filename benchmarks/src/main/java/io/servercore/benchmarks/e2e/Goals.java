package io.servercore.benchmarks.e2e;

import io.servercore.benchmarks.e2e.Results.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 11's goals, read off a run: for each gameserver compared, its ratio to the reference
 * on each goal's figure and whether the goal is met; whether its sustained chat figure was
 * steady from round to round; and the figures as fractions of the bare C epoll ceilings of
 * the machine.
 *
 * <p>Stateless; the runner's thread.
 */
final class Goals {
    private Goals() {
    }

    /** A goal: a figure's ratio to the reference must be at least (more is better) or at most {@code target}. */
    private record Goal(String words, Row row, double target, boolean atLeast) {
    }

    static String markdown(Harness h) {
        Plan plan = h.plan;
        List<String> ours = plan.servers().stream().filter(s -> s.kind() == ServerSpec.Kind.GAMESERVER
                && !s.name().equals(plan.reference())).map(ServerSpec::name).toList();
        StringBuilder md = new StringBuilder();
        if (ours.isEmpty()) {
            return "No gameserver was compared: no goals to check.\n";
        }
        List<Goal> goals = List.of(
                new Goal("chat latency p50 at light load, no worse", ChatScenarios.lightP50(plan), 1.0, false),
                new Goal("chat latency p99 at light load, no worse", ChatScenarios.lightP99(plan), 1.0, false),
                new Goal("echo round trips, 16 in flight", EchoScenario.roundTrips(plan, 16), 1.5, true),
                new Goal("echo round trips, 1 in flight", EchoScenario.roundTrips(plan, 1), 1.2, true),
                new Goal("chat deliveries sustained", ChatScenarios.sustainedRow(plan), 3.0, true),
                new Goal("idle memory per bare session, no more", IdleMemory.bareRow(plan), 1.0, false),
                new Goal("idle memory per session in a room, no more", IdleMemory.roomsRow(plan), 1.0, false));
        md.append("Ratios of medians, each server / ").append(plan.reference()).append(", same run.\n\n| goal | target |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String s : ours) {
            md.append(' ').append(s).append(" |");
            rule.append("---|");
        }
        md.append('\n').append(rule).append('\n');
        for (Goal g : goals) {
            md.append("| ").append(g.words()).append(" | ").append(g.atLeast() ? ">= " : "<= ")
                    .append(String.format(Locale.ROOT, "%.1f", g.target())).append(" |");
            for (String s : ours) {
                double r = h.table.ratio(g.row(), s);
                boolean met = g.atLeast() ? r >= g.target() : r <= g.target();
                md.append(' ').append(Double.isNaN(r) ? "not measured"
                        : String.format(Locale.ROOT, "%.2f, %s", r, met ? "met" : "short")).append(" |");
            }
            md.append('\n');
        }
        md.append("| chat sustained steady from round to round (the same step every round) | same step |");
        for (String s : ours) {
            md.append(' ').append(steadiness(h.curves.of(s))).append(" |");
        }
        md.append("\n\nAs fractions of the bare C epoll ceilings of the machine (issue 11's figures, not measured"
                + " here: echo ").append(Results.format(plan.ceilings().echo1())).append(" / ")
                .append(Results.format(plan.ceilings().echo16())).append(" round trips/s at 1 / 16 in flight, chat ")
                .append(Results.format(plan.ceilings().chat())).append(" deliveries/s):\n\n| figure |");
        rule = new StringBuilder("|---|");
        for (ServerSpec s : plan.servers()) {
            md.append(' ').append(s.name()).append(" |");
            rule.append("---:|");
        }
        md.append('\n').append(rule).append('\n');
        ceiling(md, h, "echo, 1 in flight", EchoScenario.roundTrips(plan, 1), plan.ceilings().echo1());
        ceiling(md, h, "echo, 16 in flight", EchoScenario.roundTrips(plan, 16), plan.ceilings().echo16());
        ceiling(md, h, "chat deliveries sustained", ChatScenarios.sustainedRow(plan), plan.ceilings().chat());
        return md.toString();
    }

    private static void ceiling(StringBuilder md, Harness h, String words, Row row, double ceiling) {
        md.append("| ").append(words).append(" |");
        for (ServerSpec s : h.plan.servers()) {
            double v = h.table.median(row, s.name());
            md.append(' ').append(Double.isNaN(v) ? "not measured"
                    : String.format(Locale.ROOT, "%.0f%%", 100 * v / ceiling)).append(" |");
        }
        md.append('\n');
    }

    /** {@code yes: 20, 20, 20 chats/s} or {@code no: 10, 20, 14 chats/s} per round; who is steady climbs alike. */
    private static String steadiness(List<ChatCurves.Climb> climbs) {
        if (climbs.isEmpty()) {
            return "not measured";
        }
        List<String> rates = new ArrayList<>();
        for (ChatCurves.Climb c : climbs) {
            ChatStep s = c.sustained();
            rates.add(s == null ? "none" : Harness.fmt(s.rate()));
        }
        boolean same = rates.stream().distinct().count() == 1;
        return (same ? "yes: " : "no: ") + String.join(", ", rates) + " chats/s per session";
    }
}
