package io.servercore.benchmarks.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.servercore.benchmarks.CommandLineChecks;
import io.servercore.benchmarks.CommandLineChecks.Main;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The Netty reference server's command line answers as gameserver's does, without starting a
 * server: {@code --help} is the usage alone, and a bad value of every flag, an unknown flag, a
 * missing value or a repeated flag is one line naming it and what is allowed, exit status 2.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyMainTest {
    private static final Main MAIN = NettyMain::run;

    /** A bad value of every flag: the arguments ({@code ''} for an empty one) and the line. */
    private static final String[][] BAD = {
        {"--host ''", "invalid --host '': allowed a host name or address"},
        {"--port 70000", "invalid --port 70000: allowed 0 (any free port) or 1..65535"},
        {"--port abc", "invalid --port abc: allowed 0 (any free port) or 1..65535"},
        {"--threads -1", "invalid --threads -1: allowed 0 (one per core) or 1..1024"},
        {"--threads 2000", "invalid --threads 2000: allowed 0 (one per core) or 1..1024"},
        {"--threads abc", "invalid --threads abc: allowed 0 (one per core) or 1..1024"},
        {"--variant batched", "invalid --variant batched: allowed consolidated|plain"},
        {"--transport kqueue", "invalid --transport kqueue: allowed nio|epoll"},
        {"--max-frame 3", "invalid --max-frame 3: allowed 4..65535"},
        {"--room-capacity 0", "invalid --room-capacity 0: allowed 1..1000000"},
        {"--chat-limit 65526", "invalid --chat-limit 65526: allowed 1..65525"},
        {"--packet-rate -1", "invalid --packet-rate -1: allowed 0 (off) or 1..1000000"},
        {"--packet-rate 10 --packet-burst 0", "invalid --packet-burst 0: allowed 1..10000000"},
        {"--outbound-limit 100", "invalid --outbound-limit 100: allowed 65536..2147483647"},
        {"--outbound-limit 4294967296", "invalid --outbound-limit 4294967296: allowed 65536..2147483647"},
        {"--idle-timeout 86401", "invalid --idle-timeout 86401: allowed 0 (never) or 1..86400"},
        {"--idle-timeout 1.5", "invalid --idle-timeout 1.5: allowed 0 (never) or 1..86400"},
        {"--port", "invalid --port (no value): allowed 0 (any free port) or 1..65535"},
        {"--varient plain", "unknown flag --varient (did you mean --variant?)"},
        {"--threads 1 --threads 2", "--threads given more than once"},
        {"serve", "unexpected argument serve"},
    };

    private static CommandSpec spec() {
        return new CommandLine(new NettyOptions()).getCommandSpec();
    }

    @Test
    void helpPrintsTheUsageAloneAndExitsZero() throws Exception {
        CommandLineChecks.assertHelpIsTheUsageAlone(MAIN, spec());
    }

    @Test
    void aBadValueOfEveryFlagStopsStartUpWithOneLineNamingItAndWhatIsAllowed() throws Exception {
        CommandLineChecks.assertEachIsAnsweredInOneLine(MAIN, "nettyserver", BAD);
        CommandLineChecks.assertEveryFlagIsTried(BAD, spec());
    }

    @Test
    void helpSaysForEveryFlagWhatItsErrorSaysIsAllowed() {
        CommandLineChecks.assertHelpSaysWhatIsAllowed(NettyFlags.ALL, spec());
    }

    @Test
    void zeroThreadsMeansOnePerCoreAndTheRateOffNeedsNoBurst() {
        NettyOptions options = new NettyOptions();
        new CommandLine(options).parseArgs("--threads", "0", "--packet-rate", "0", "--packet-burst", "0");
        NettyChatServer.Config config = options.toConfig();
        assertEquals(Runtime.getRuntime().availableProcessors(), config.threads());
        assertEquals(0, config.packetBurst());
        assertEquals(NettyChatServer.Variant.CONSOLIDATED, config.variant(), "the default");
        assertEquals(NettyChatServer.Transport.NIO, config.transport(), "the default");
    }
}
