package io.servercore.benchmarks.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Netty reference server's command line answers as gameserver's does: usage, or one line per bad flag. */
class NettyMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) throws InterruptedException {
        return NettyMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheFlagsAndExitsZero() throws InterruptedException {
        assertEquals(0, run("--help"));
        for (String flag : new String[] {"--variant", "--transport", "--threads", "--packet-rate", "--idle-timeout"}) {
            assertTrue(out.toString().contains(flag), flag + " missing:\n" + out);
        }
        assertEquals("", err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--variant batched;invalid --variant batched: allowed consolidated, plain",
        "--transport kqueue;invalid --transport kqueue: allowed nio, epoll",
        "--threads -1;invalid --threads -1: allowed 0..1024",
        "--port 70000;invalid --port 70000: allowed 0..65535",
        "--packet-rate 10 --packet-burst 0;invalid --packet-burst 0: allowed 1..10000000",
        "--outbound-limit 100;invalid --outbound-limit 100: allowed 65536..2147483647"
    })
    void aBadFlagStopsStartUpWithOneLine(String args, String message) throws InterruptedException {
        assertEquals(2, run(args.split(" ")));
        assertEquals("nettyserver: " + message + " (see --help)" + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }
}
