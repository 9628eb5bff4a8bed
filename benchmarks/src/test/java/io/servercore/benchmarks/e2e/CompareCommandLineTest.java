package io.servercore.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.benchmarks.CommandLineChecks;
import io.servercore.benchmarks.CommandLineChecks.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Compare's command line, without starting anything: {@code --help} is the usage alone, not a
 * 25-minute run; a bad value of every flag, an unknown flag, a missing value or a repeated flag
 * is one line naming it and what is allowed, and exit status 2; and the defaults are the issue's
 * plan, down to the command lines of the servers and the swarm.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompareCommandLineTest {
    private static final Main MAIN = Compare::run;
    /** Compare, on arguments its parser is first seen to refuse: a row that a slip made valid fails, not runs. */
    private static final Main REFUSED = (args, out, err) -> {
        assertThrows(RuntimeException.class, () -> Compare.parse(args, new PrintWriter(new StringWriter())),
                () -> "would start a run: " + String.join(" ", args));
        return Compare.run(args, out, err);
    };
    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    /** A bad value of every flag: the arguments and the line; none of them may start a run. */
    private static final String[][] BAD = {
        {"--servers netty-consolidated,nginx", "invalid --servers nginx: allowed gameserver-servercore|gameserver-jdk"
                + "|netty-consolidated|netty-plain|gameserver, comma-separated"},
        {"--spec gs-1m=gameserver --servers gs-1m,gs-2m", "invalid --servers gs-2m: allowed gameserver-servercore"
                + "|gameserver-jdk|netty-consolidated|netty-plain|gameserver|gs-1m, comma-separated"},
        {"--servers gameserver,gameserver", "invalid --servers gameserver,gameserver: allowed each server once"},
        {"--spec x=apache", "invalid --spec x=apache: allowed NAME=KIND [ARGS...], NAME of A-Z a-z 0-9 . _ -,"
                + " KIND gameserver|netty"},
        {"--spec -x=netty", "invalid --spec -x=netty: allowed NAME=KIND [ARGS...], NAME of A-Z a-z 0-9 . _ -,"
                + " KIND gameserver|netty"},
        {"--servers gameserver --reference netty-plain", "invalid --reference netty-plain: allowed gameserver"},
        {"--only echo,bogus", "invalid --only bogus: allowed all|echo|chat|idle|echo-16|echo-1|chat-climb|chat-light"
                + "|idle-bare|idle-rooms|syscalls, comma-separated"},
        {"--strace-seconds 0", "invalid --strace-seconds 0: allowed 1..600"},
        {"--rounds 0", "invalid --rounds 0: allowed 1..100"},
        {"--rounds three", "invalid --rounds three: allowed 1..100"},
        {"--seconds 3601", "invalid --seconds 3601: allowed 1..3600"},
        {"--seconds 5 --warm-up 5", "invalid --warm-up 5: allowed 0..4 (less than --seconds)"},
        {"--warm-up x", "invalid --warm-up x: allowed 0..3599, less than --seconds"},
        {"--server-warm-up -1", "invalid --server-warm-up -1: allowed 0..3600"},
        {"--threads -1", "invalid --threads -1: allowed 0 (one per core) or 1..1024"},
        {"--threads abc", "invalid --threads abc: allowed 0 (one per core) or 1..1024"},
        {"--sessions 0", "invalid --sessions 0: allowed 1..50000"},
        {"--sessions 50001", "invalid --sessions 50001: allowed 1..50000"},
        {"--sessions 50 --room-size 100", "invalid --room-size 100: allowed 1..1000 (at most --sessions with the chat scenarios)"},
        {"--room-size 1001", "invalid --room-size 1001: allowed 1..1000"},
        {"--payload 31", "invalid --payload 31: allowed 32..1024"},
        {"--chat-rates 2,5,3", "invalid --chat-rates 3: allowed rising rates only, each above 5"},
        {"--chat-rates 0.0001", "invalid --chat-rates 0.0001: allowed rising rates, each 0.001..1000, comma-separated"},
        {"--chat-rates 2,x", "invalid --chat-rates x: allowed rising rates, each 0.001..1000, comma-separated"},
        {"--light-rate 0", "invalid --light-rate 0: allowed 0.001..1000"},
        {"--p99-budget 0.5", "invalid --p99-budget 0.5: allowed 1..10000"},
        {"--past-failure 11", "invalid --past-failure 11: allowed 0..10"},
        {"--idle-sessions 18001", "invalid --idle-sessions 18001: allowed 1..18000"},
        {"--room-sessions 0", "invalid --room-sessions 0: allowed 1..18000"},
        {"--generator wrk", "invalid --generator wrk: allowed neutral|dummyclient"},
        {"--generator", "invalid --generator (no value): allowed neutral|dummyclient"},
        {"--swarm-transport epoll", "invalid --swarm-transport epoll: allowed servercore|jdk|default"},
        {"--server-cpu " + CPUS, "invalid --server-cpu " + CPUS + ": allowed 0.." + (CPUS - 1)
                + " (this machine's CPUs)"},
        {"--swarm-cpu -1", "invalid --swarm-cpu -1: allowed 0.." + (CPUS - 1) + " (this machine's CPUs)"},
        {"--server-cpu 0 --swarm-cpu 0", "invalid --swarm-cpu 0: allowed any CPU but the server's (0)"},
        {"--root no-such-folder", "invalid --root no-such-folder: allowed a folder, the repository's root"},
        {"--netty-classpath", "invalid --netty-classpath (no value): allowed a class path"},
        {"--out", "invalid --out (no value): allowed a folder"},
        {"--ceiling-echo-1 0", "invalid --ceiling-echo-1 0: allowed 1..1000000000000"},
        {"--ceiling-echo-16 1e13", "invalid --ceiling-echo-16 10000000000000: allowed 1..1000000000000"},
        {"--ceiling-chat fast", "invalid --ceiling-chat fast: allowed 1..1000000000000"},
        {"--bogus", "unknown flag --bogus"},
        {"--generater neutral", "unknown flag --generater (did you mean --generator?)"},
        {"--rounds 1 --rounds 2", "--rounds given more than once"},
        {"now", "unexpected argument now"},
    };

    private static CommandSpec spec() {
        return new CommandLine(new CompareOptions()).getCommandSpec();
    }

    @Test
    void helpPrintsTheUsageAloneAndExitsZeroWithoutRunningAnything() throws Exception {
        CommandLineChecks.assertHelpIsTheUsageAlone(MAIN, spec());
        assertNull(Compare.parse(new String[] {"--help"}, new PrintWriter(new StringWriter())), "help is no plan");
    }

    @Test
    void aBadValueOfEveryFlagIsAnsweredInOneLineNamingItAndWhatIsAllowed() throws Exception {
        CommandLineChecks.assertEachIsAnsweredInOneLine(REFUSED, "compare", BAD);
        CommandLineChecks.assertEveryFlagIsTried(BAD, spec());
    }

    @Test
    void helpSaysForEveryFlagWhatItsErrorSaysIsAllowed() {
        CommandLineChecks.assertHelpSaysWhatIsAllowed(CompareFlags.ALL, spec());
    }

    @Test
    void theDefaultsAreTheIssuesPlan() {
        Plan plan = Compare.parse(new String[0], new PrintWriter(new StringWriter()));
        assertEquals(List.of("gameserver-servercore", "gameserver-jdk", "netty-consolidated", "netty-plain"),
                plan.servers().stream().map(ServerSpec::name).toList());
        assertEquals("netty-consolidated", plan.reference());
        assertEquals(EnumSet.complementOf(EnumSet.of(Scenario.SYSCALLS)), EnumSet.copyOf(plan.scenarios()));
        assertEquals(3, plan.rounds());
        assertEquals(1, plan.threads());
        assertEquals(1000, plan.sessions());
        assertEquals(10, plan.rooms());
        assertEquals(List.of(2.0, 3.0, 5.0, 7.0, 10.0, 14.0, 20.0, 28.0, 40.0, 56.0, 80.0, 112.0, 160.0, 224.0, 320.0,
                448.0, 640.0, 896.0), plan.chatRates());
        assertEquals(200_000, plan.deliveriesAt(plan.lightRate()), "the light load is 200k deliveries/s");
        assertEquals(50, plan.p99BudgetMs());
        assertEquals(10_000, plan.idleSessions());
        assertEquals(1000, plan.roomSessions());
        assertEquals(List.of("--transport", "servercore"), plan.swarmArgs());
        assertEquals(Generator.NEUTRAL, plan.generator(), "the neutral generator unless asked otherwise");
    }

    @Test
    void serversAndSwarmArePinnedToTheirOwnCoresWithOneIoThreadEach() {
        Plan plan = Compare.parse(new String[0], new PrintWriter(new StringWriter()));
        Harness h = new Harness(plan, new PrintWriter(new StringWriter()));
        String gs = String.join(" ", h.serverCommand(ServerSpec.KNOWN.get("gameserver-servercore")));
        assertTrue(gs.startsWith("taskset -c 1 "), gs);
        assertTrue(gs.contains(" -jar ./gameserver/target/gameserver.jar --host 127.0.0.1 --port 0 --threads 1"
                + " --packet-rate 0 "), gs);
        assertTrue(gs.endsWith(" --transport servercore"), gs);
        String jdk = String.join(" ", h.serverCommand(ServerSpec.KNOWN.get("gameserver-jdk")));
        assertTrue(jdk.endsWith(" --transport jdk"), jdk);
        String netty = String.join(" ", h.serverCommand(ServerSpec.KNOWN.get("netty-plain")));
        assertTrue(netty.startsWith("taskset -c 1 "), netty);
        assertTrue(netty.contains(" -cp ./benchmarks/target/benchmarks.jar io.servercore.benchmarks.netty.NettyMain"
                + " --host 127.0.0.1 --port 0 --threads 1 --packet-rate 0 --variant plain"), netty);
        String generator = String.join(" ", h.generatorCommand());
        assertTrue(generator.startsWith("taskset -c 0 "), generator);
        assertTrue(generator.endsWith(" -Xms256m -Xmx256m -XX:+UseSerialGC -cp ./benchmarks/target/benchmarks.jar"
                + " io.servercore.benchmarks.load.NeutralLoad"), generator);
        Plan swarmPlan = Compare.parse(new String[] {"--generator", "dummyclient"},
                new PrintWriter(new StringWriter()));
        String swarm = String.join(" ", new Harness(swarmPlan, new PrintWriter(new StringWriter())).generatorCommand());
        assertTrue(swarm.startsWith("taskset -c 0 "), swarm);
        assertTrue(swarm.endsWith(" -jar ./dummyclient/target/dummyclient.jar --threads 1 --transport servercore"), swarm);
    }

    @Test
    void eachGeneratorIsAskedForTheScenariosLoadInItsOwnFlags() {
        Plan plan = Compare.parse(new String[0], new PrintWriter(new StringWriter()));
        Path json = Path.of("out.json");
        assertEquals("chat --host 127.0.0.1 --port 4000 --json out.json --sessions 1000 --room-size 100 --rate 2"
                + " --payload 64 --seconds 10 --warm-up 3", String.join(" ", Generator.NEUTRAL.args(
                        ChatScenarios.at(plan, plan.lightRate()), 4000, json, 10, 3)));
        assertEquals("echo --host 127.0.0.1 --port 4000 --json out.json --sessions 1000 --window 16 --seconds 5"
                + " --warm-up 0", String.join(" ", Generator.NEUTRAL.args(Load.echo(plan, 16), 4000, json, 5, 0)));
        assertEquals("--host 127.0.0.1 --port 4000 --json out.json --clients 1000 --rooms 10 --move-rate 0"
                + " --ping-interval 0 --payload 64 --connect-rate 10000 --chat-rate 2.5 --duration 10",
                String.join(" ", Generator.DUMMYCLIENT.args(ChatScenarios.at(plan, 2.5), 4000, json, 10, 3)));
        assertEquals("--host 127.0.0.1 --port 4000 --json out.json --mode echo --clients 1000 --window 1"
                + " --connect-rate 10000 --duration 10", String.join(" ", Generator.DUMMYCLIENT.args(
                        Load.echo(plan, 1), 4000, json, 10, 3)));
    }

    @Test
    void theLightLoadsMainLatencyIsNamedForWhatTheGeneratorTimes() {
        Plan neutral = Compare.parse(new String[0], new PrintWriter(new StringWriter()));
        Plan swarm = Compare.parse(new String[] {"--generator", "dummyclient"}, new PrintWriter(new StringWriter()));
        assertEquals("delivery latency p50, median second", ChatScenarios.lightP50(neutral).metric());
        assertEquals("chat latency (own echo: dummyclient times no other) p99, worst second",
                ChatScenarios.lightP99(swarm).metric());
    }

    @Test
    void theSwarmTransportDefaultPassesNoFlagAndNoPinPinsNothing() {
        Plan plan = Compare.parse(new String[] {"--generator", "dummyclient", "--swarm-transport", "default",
            "--no-pin", "--threads", "2"}, new PrintWriter(new StringWriter()));
        Harness h = new Harness(plan, new PrintWriter(new StringWriter()));
        String swarm = String.join(" ", h.generatorCommand());
        assertTrue(swarm.endsWith(" -jar ./dummyclient/target/dummyclient.jar --threads 2"), swarm);
        assertTrue(swarm.startsWith(Harness.java()), swarm);
    }

    @Test
    void aSpecDefinesAServerByNameKindAndArguments() {
        Plan plan = Compare.parse(new String[] {"--spec", "gs-1m=gameserver --transport servercore --outbound-limit 1048576",
            "--servers", "gs-1m,netty-consolidated", "--strace"}, new PrintWriter(new StringWriter()));
        ServerSpec spec = plan.servers().get(0);
        assertEquals("gs-1m", spec.name());
        assertEquals(ServerSpec.Kind.GAMESERVER, spec.kind());
        assertEquals(List.of("--transport", "servercore", "--outbound-limit", "1048576"), spec.args());
        assertTrue(plan.runs(Scenario.SYSCALLS), "--strace adds the syscall run");
    }
}
