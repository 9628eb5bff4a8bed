package io.servercore.benchmarks.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A comparison's settings, checked by {@link CompareOptions}: which servers, which scenarios,
 * how long, how many, where the jars are and where the results go.
 *
 * <p>Immutable and thread-safe.
 *
 * @param servers          the servers compared, in their column order
 * @param reference        the server the ratios are taken against
 * @param scenarios        what is measured
 * @param rounds           times each server runs each scenario, A B A B
 * @param seconds          seconds of load in each measured run
 * @param warmUp           first seconds of each run left out of its figures
 * @param serverWarmUp     seconds of unmeasured load each server JVM serves before its measured runs
 * @param threads          I/O threads of every server and of dummyclient (the neutral generator has one)
 * @param sessions         sessions of the echo and chat scenarios
 * @param roomSize         members of each room in the chat scenarios
 * @param payload          bytes of each chat
 * @param chatRates        chats a second per session the climb tries, rising
 * @param lightRate        chats a second per session of the light load (latency, strace)
 * @param p99BudgetMs      the p99 a sustained chat step must stay under, worst second
 * @param pastFailure      steps the climb goes on after the first that fails, for the curve
 * @param idleSessions     bare sessions of the idle-memory scenario
 * @param roomSessions     sessions entered in rooms of {@code roomSize} in the idle-rooms scenario
 * @param straceSeconds    seconds strace watches the server
 * @param jfr              whether measured server JVMs record with JDK Flight Recorder
 * @param generator        the load generator of the echo and chat scenarios
 * @param swarmArgs        dummyclient's extra arguments (its transport)
 * @param pin              whether server and load generator are pinned with taskset
 * @param serverCpu        the server's CPU when pinned
 * @param swarmCpu         the load generator's CPU when pinned
 * @param root             the repository root, where each module's target folder is
 * @param nettyClasspath   the class path the Netty reference server and the neutral generator run from
 * @param out              the folder the results file goes to
 * @param ceilings         the bare C epoll ceilings of this machine (issue 11), for the goals table
 * @param commandLine      the command that made this plan, for the results file
 */
record Plan(List<ServerSpec> servers, String reference, Set<Scenario> scenarios, int rounds, int seconds, int warmUp,
            int serverWarmUp, int threads, int sessions, int roomSize, int payload, List<Double> chatRates,
            double lightRate, double p99BudgetMs, int pastFailure, int idleSessions, int roomSessions,
            int straceSeconds, boolean jfr, Generator generator, List<String> swarmArgs, boolean pin, int serverCpu,
            int swarmCpu, Path root, String nettyClasspath, Path out, Ceilings ceilings, String commandLine) {

    /** The bare C epoll figures of this machine that issue 11 measured; the goals are also fractions of them. */
    record Ceilings(double echo1, double echo16, double chat) {
    }

    Plan {
        servers = List.copyOf(servers);
        chatRates = List.copyOf(chatRates);
        swarmArgs = List.copyOf(swarmArgs);
        scenarios = Set.copyOf(scenarios);
    }

    boolean runs(Scenario s) {
        return scenarios.contains(s);
    }

    /** Rooms of the chat scenarios. */
    int rooms() {
        return Math.max(1, sessions / roomSize);
    }

    /**
     * Deliveries a second the chat scenarios ask for at {@code rate} chats a second per session:
     * each chat reaches every member of its room, and the generator deals session i into room i mod rooms.
     */
    double deliveriesAt(double rate) {
        int rooms = rooms();
        double squares = 0;
        for (int r = 0; r < rooms; r++) {
            long members = sessions / rooms + (r < sessions % rooms ? 1 : 0);
            squares += (double) members * members;
        }
        return rate * squares;
    }
}
