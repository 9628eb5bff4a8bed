package io.servercore.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compare's command line, without starting anything: {@code --help} is usage, not a 25-minute
 * run; a bad flag is one line naming the value and what is allowed, and exit status 2; and the
 * defaults are the issue's plan, down to the command lines of the servers and the swarm.
 */
class CompareCommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Compare.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpPrintsTheUsageAndExitsZeroWithoutRunningAnything() {
        assertEquals(0, run("--help"));
        String usage = out.toString();
        assertTrue(usage.startsWith("Usage: compare"), usage);
        for (String flag : List.of("--servers", "--only", "--rounds", "--strace", "--generator", "--swarm-transport",
                "--no-pin")) {
            assertTrue(usage.contains(flag), flag + " missing from the usage:\n" + usage);
        }
        assertEquals("", err.toString());
        assertNull(Compare.parse(new String[] {"--help"}, new PrintWriter(new StringWriter())), "help is no plan");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--rounds 0;invalid --rounds 0: allowed 1..100",
        "--only echo,bogus;invalid --only bogus: allowed all, echo, chat, idle, echo-16, echo-1, chat-climb, chat-light,"
                + " idle-bare, idle-rooms, syscalls",
        "--servers netty-consolidated,nginx;invalid --servers nginx: allowed gameserver-servercore, gameserver-jdk,"
                + " netty-consolidated, netty-plain, gameserver",
        "--swarm-transport epoll;invalid --swarm-transport epoll: allowed servercore, jdk, default",
        "--generator wrk;invalid --generator wrk: allowed neutral, dummyclient",
        "--generator;Missing required parameter for option '--generator' (NAME)",
        "--chat-rates 2,5,3;invalid --chat-rates 3: allowed rising rates only, each above 5",
        "--seconds 5 --warm-up 5;invalid --warm-up 5: allowed 0..4",
        "--servers gameserver --reference netty-plain;invalid --reference netty-plain: allowed gameserver",
        "--spec x=apache;invalid --spec 'x=apache': kind apache is not one of gameserver, netty",
        "--rounds three;Invalid value for option '--rounds': 'three' is not an int",
        "--bogus;Unknown option: '--bogus'"
    })
    void aBadFlagIsAnsweredInOneLineNamingTheValueAndWhatIsAllowed(String args, String message) {
        assertEquals(Compare.USAGE, run(args.split(" ")));
        assertEquals("compare: " + message + " (see --help)" + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
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
