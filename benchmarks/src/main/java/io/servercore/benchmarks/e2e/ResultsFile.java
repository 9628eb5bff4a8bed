package io.servercore.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Markdown file a comparison leaves in {@code benchmarks/results/}: the command that made
 * it, the machine, how it measured, the goals, the table of medians, ratios and every round's
 * figures, the chat curves, the syscalls, and what went wrong on the way.
 *
 * <p>Stateless; the runner's thread.
 */
final class ResultsFile {
    private ResultsFile() {
    }

    /** {@code e2e-DATE[-ONLY].md} in the plan's folder; {@code -2}, {@code -3}... rather than overwrite an earlier run. */
    static Path path(Plan plan, String only) {
        String base = "e2e-" + LocalDate.now() + (only.equals("all") ? "" : "-" + only.replace(',', '-'));
        Path file = plan.out().resolve(base + ".md");
        for (int n = 2; Files.exists(file); n++) {
            file = plan.out().resolve(base + "-" + n + ".md");
        }
        return file;
    }

    static void write(Path file, String md) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, md, StandardCharsets.UTF_8);
    }

    /** The whole file; {@code incomplete} names why the run stopped early, or is null. */
    static String markdown(Harness h, Syscalls syscalls, Run run, String incomplete) {
        Plan plan = h.plan;
        StringBuilder md = new StringBuilder("# End-to-end: ");
        md.append(plan.servers().stream().map(ServerSpec::name).collect(Collectors.joining(", ")))
                .append("\n\n");
        if (incomplete != null) {
            md.append("**Incomplete: the run stopped early: ").append(incomplete).append("**\n\n");
        }
        md.append("Command (from the repository root, after `mvn -q -pl benchmarks -am package -DskipTests`):\n\n```sh\n")
                .append(plan.commandLine()).append("\n```\n\n");
        md.append("- date: ").append(LocalDate.now()).append(String.format(Locale.ROOT, "; the run took %.1f minutes%n",
                run.minutes()));
        md.append("- machine: ").append(run.machine()).append('\n');
        md.append("- load average (1, 5, 15 min): ").append(run.loadBefore()).append(" at the start, ")
                .append(run.loadAfter()).append(" at the end (the run itself keeps about 2 busy)\n");
        md.append("- servers, each in its own JVM (").append(String.join(" ", Harness.SERVER_JVM))
                .append(", the collector the JVM picks: ").append(run.collector()).append(") with `--host 127.0.0.1"
                        + " --port 0 --threads ").append(plan.threads()).append(" --packet-rate 0`, every other"
                        + " setting at its default (gameserver also gets `--max-sessions 100000 --stats-interval 0`:"
                        + " room for the idle scenario, no stats line):\n");
        for (ServerSpec s : plan.servers()) {
            md.append("  - ").append(s.name()).append(": `").append(s.describe()).append("`")
                    .append(s.name().equals(plan.reference()) ? " (the reference of the ratios)" : "").append('\n');
        }
        md.append(generator(plan));
        md.append(plan.pin() ? String.format(Locale.ROOT, "- pinned with taskset: every server on CPU %d, the load"
                + " generator on CPU %d%n", plan.serverCpu(), plan.swarmCpu()) : "- not pinned (--no-pin): server and"
                + " load generator share the cores, and the figures are not the comparison's\n");
        md.append(String.format(Locale.ROOT, "- %d round(s); in each, every scenario runs on every server in turn"
                + " (A B A B); every scenario starts a fresh server JVM, which first serves %d s of the scenario"
                + " unmeasured; each measured generator run is %d s of load, of which the first %d are left out (the"
                + " generator JVM's own warm-up), and with dummyclient the last, partial second too; rates are the mean"
                + " of the seconds left, \"p50,"
                + " median second\" the median of their one-second p50s, \"p99, worst second\" the worst of their"
                + " one-second p99s%n", plan.rounds(), plan.serverWarmUp(), plan.seconds(), plan.warmUp()));
        if (plan.runs(Scenario.ECHO_16) || plan.runs(Scenario.ECHO_1)) {
            md.append(String.format(Locale.ROOT, "- echo: %,d sessions each keep 16 (or 1) C_Ping in flight; \"per second"
                    + " of server CPU\" is the run's round trips over the CPU time the server used during it (/proc)%n",
                    plan.sessions()));
        }
        if (plan.runs(Scenario.CHAT_CLIMB) || plan.runs(Scenario.CHAT_LIGHT) || plan.runs(Scenario.SYSCALLS)) {
            md.append(String.format(Locale.ROOT, "- chat: %,d sessions in %s, %d-byte chats, no moves or pings; the"
                    + " climb tries %s chats/s per session (x %,.0f = deliveries/s asked), a generator run each, and"
                    + " keeps the highest step whose p99 (%s) over all its steady seconds together (with dummyclient, which"
                    + " reports none, its worst second's) stays under %s ms with nothing lost (every"
                    + " chat back to its sender, deliveries as the room sizes predict, no gap, nothing held back, no"
                    + " session dropped, no S_Error) and at least %.0f%% of the chats asked sent, at that step and"
                    + " every step below; it stops %d step(s) past the first that fails%n", plan.sessions(),
                    ChatScenarios.rooms(plan), plan.payload(),
                    plan.chatRates().stream().map(Harness::fmt).collect(Collectors.joining(", ")),
                    plan.deliveriesAt(1), plan.generator().chatLatency(), Harness.fmt(plan.p99BudgetMs()),
                    ChatStep.MIN_SENT_PERCENT, plan.pastFailure()));
        }
        if (plan.runs(Scenario.IDLE_BARE) || plan.runs(Scenario.IDLE_ROOMS)) {
            md.append("- idle memory: resident memory (VmRSS) of the server with one ping answered and 2 s settled,"
                    + " then with the sessions held (plain sockets of the runner, bare or after C_EnterRoom and"
                    + " S_EnterRoom) and 2 s settled; the difference over the sessions. RSS also counts heap pages the"
                    + " garbage of opening the sessions first touched, so each is measured again on a JVM whose heap is"
                    + " touched at start (-XX:+AlwaysPreTouch): the RSS difference there is native memory alone, and"
                    + " the live heap after a full GC (jcmd GC.run, GC.heap_info) before and after adds the objects\n");
        }
        md.append('\n');
        md.append("## Goals\n\n").append(Goals.markdown(h)).append('\n');
        md.append("## Figures\n\n").append(h.table.markdown()).append('\n');
        if (!h.curves.isEmpty()) {
            md.append("## Chat climb, round by round\n\nEach cell: deliveries/s (mean of the steady seconds), p50"
                    + " (median second) and p99 (worst second) in ms, and the verdict.\n\n").append(h.curves.markdown());
        }
        if (!syscalls.isEmpty()) {
            md.append("## Syscalls per delivery\n\n").append(syscalls.markdown(plan)).append('\n');
        }
        if (!h.profiles.isEmpty()) {
            md.append("## Profiles\n\n").append(h.profiles.markdown()).append('\n');
        }
        md.append("## Notes\n\n");
        if (h.notes.isEmpty()) {
            md.append("None: the load generator found nothing wrong in any measured run outside the climb (whose"
                    + " failed steps the curves show).\n");
        } else {
            md.append("What the load generator found wrong in measured runs outside the climb (whose failed steps"
                    + " the curves show):\n\n");
            h.notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    /** Which generator made the figures, how it ran, what its chat latency is, and why neutral is the default. */
    static String generator(Plan plan) {
        String why = "neutral is the default because dummyclient, measured on this 2-core machine pinned to one core,"
                + " perturbs the servers it measures: its bursts and pauses (a pacer on a timer thread, HdrHistogram"
                + " recorders, per-sender order tables, an allocation per delivery and the GC pauses they bring) push a"
                + " server into long batching iterations, and it reported chat p50 of 15-40 ms at 200k deliveries/s"
                + " for every server, where a minimal single-threaded java.nio generator measured 0.5-16 ms depending"
                + " on the traffic pattern";
        if (plan.generator() == Generator.NEUTRAL) {
            return "- load generator: neutral (`--generator neutral`), `io.servercore.benchmarks.load.NeutralLoad` in a"
                    + " JVM of its own (" + String.join(" ", Harness.NEUTRAL_JVM) + "): one thread, one java.nio"
                    + " Selector, direct buffers, frames read in place, each session's chats paced on an even grid from"
                    + " that loop, a late send sent at once and timed from its due time (coordinated omission);"
                    + " chat latency is the delivery latency to the other members of the room, the sender's own copy"
                    + " is its own row (own echo). " + Character.toUpperCase(why.charAt(0)) + why.substring(1) + ".\n";
        }
        return "- load generator: dummyclient (`--generator dummyclient`) in a JVM of its own ("
                + String.join(" ", Harness.SWARM_JVM) + "), `--threads " + plan.threads()
                + (plan.swarmArgs().isEmpty() ? "" : " " + String.join(" ", plan.swarmArgs())) + "`; chat latency is"
                + " the sender's own copy, the only one it times. These figures are not the default's: " + why + ".\n";
    }

    /** The facts of the run as a whole. */
    record Run(String machine, String collector, String loadBefore, String loadAfter, double minutes) {
    }
}
