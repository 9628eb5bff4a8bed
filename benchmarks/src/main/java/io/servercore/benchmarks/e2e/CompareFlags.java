package io.servercore.benchmarks.e2e;

import io.servercore.cli.Flag;
import io.servercore.cli.Flags;
import io.servercore.cli.Range;
import java.util.List;

/**
 * What each flag of {@link Compare} allows: the one table that {@link CompareOptions} checks the
 * command line against and {@code --help} repeats. A bad value is answered
 * {@code compare: invalid <flag> <value>: allowed <what> (see --help)}, as by every jar of this
 * repository, with exit status {@link Flags#USAGE}. A rule that depends on another flag (the
 * servers {@code --spec} defines, a warm-up shorter than {@code --seconds}, this machine's CPUs)
 * is said in words here and in figures in the line.
 *
 * <p>Stateless; the constants are immutable.
 */
final class CompareFlags {
    static final Flag SERVERS = new Flag("--servers", "known servers or ones --spec defines, comma-separated");
    static final Flag SPEC = new Flag("--spec", "NAME=KIND [ARGS...], NAME of A-Z a-z 0-9 . _ -, KIND gameserver|netty");
    static final Flag REFERENCE = new Flag("--reference", "one of --servers");
    static final Flag ONLY = new Flag("--only", Scenario.allowed() + ", comma-separated");
    static final Range STRACE_SECONDS = Range.of("--strace-seconds", 1, 600);
    static final Range ROUNDS = Range.of("--rounds", 1, 100);
    static final Range SECONDS = Range.of("--seconds", 1, 3600);
    static final Flag WARM_UP = new Flag("--warm-up", "0..3599, less than --seconds");
    static final Range SERVER_WARM_UP = Range.of("--server-warm-up", 0, 3600);
    static final Range THREADS = Range.of("--threads", 1, 1024).orZero("one per core");
    /** The neutral generator's own limit (LoadFlags.SESSIONS), so a run is refused at start, not mid-way. */
    static final Range SESSIONS = Range.of("--sessions", 1, 50_000);
    static final Range ROOM_SIZE = Range.of("--room-size", 1, 1000);
    static final Range PAYLOAD = Range.of("--payload", 32, 1024);
    static final Flag CHAT_RATES = new Flag("--chat-rates", "rising rates, each 0.001..1000, comma-separated");
    static final Range LIGHT_RATE = Range.of("--light-rate", 0.001, 1000);
    static final Range P99_BUDGET = Range.of("--p99-budget", 1, 10_000);
    static final Range PAST_FAILURE = Range.of("--past-failure", 0, 10);
    static final Range IDLE_SESSIONS = Range.of("--idle-sessions", 1, 18_000);
    static final Range ROOM_SESSIONS = Range.of("--room-sessions", 1, 18_000);
    static final Flag GENERATOR = new Flag("--generator", Generator.allowed());
    static final Flag SWARM_TRANSPORT = new Flag("--swarm-transport", "servercore|jdk|default");
    static final Flag SERVER_CPU = new Flag("--server-cpu", "a CPU of this machine, 0..(CPUs - 1)");
    static final Flag SWARM_CPU = new Flag("--swarm-cpu", "a CPU of this machine, 0..(CPUs - 1), not the server's");
    static final Flag ROOT = new Flag("--root", "a folder, the repository's root");
    static final Flag NETTY_CLASSPATH = new Flag("--netty-classpath", "a class path");
    static final Flag OUT = new Flag("--out", "a folder");
    static final Range CEILING_ECHO_1 = Range.of("--ceiling-echo-1", 1, 1e12);
    static final Range CEILING_ECHO_16 = Range.of("--ceiling-echo-16", 1, 1e12);
    static final Range CEILING_CHAT = Range.of("--ceiling-chat", 1, 1e12);

    static final Flags ALL = Flags.of(List.of(SERVERS, SPEC, REFERENCE, ONLY, STRACE_SECONDS.asFlag(),
            ROUNDS.asFlag(), SECONDS.asFlag(), WARM_UP, SERVER_WARM_UP.asFlag(), THREADS.asFlag(), SESSIONS.asFlag(),
            ROOM_SIZE.asFlag(), PAYLOAD.asFlag(), CHAT_RATES, LIGHT_RATE.asFlag(), P99_BUDGET.asFlag(),
            PAST_FAILURE.asFlag(), IDLE_SESSIONS.asFlag(), ROOM_SESSIONS.asFlag(), GENERATOR, SWARM_TRANSPORT,
            SERVER_CPU, SWARM_CPU, ROOT, NETTY_CLASSPATH, OUT, CEILING_ECHO_1.asFlag(), CEILING_ECHO_16.asFlag(),
            CEILING_CHAT.asFlag()));

    private CompareFlags() {
    }
}
