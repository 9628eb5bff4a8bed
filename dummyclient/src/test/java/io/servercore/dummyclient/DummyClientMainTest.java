package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.gameserver.GameServer;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: flags, help, exit status, summary and JSON. */
class DummyClientMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int main(String... args) {
        return DummyClientMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--clients;0;invalid --clients 0: allowed 1..1000000",
        "--clients;abc;invalid --clients abc: allowed 1..1000000",
        "--port;70000;invalid --port 70000: allowed 1..65535",
        "--chat-rate;0.0001;invalid --chat-rate 0.0001: allowed 0 (off) or 0.001..1000",
        "--chat-rate;NaN;invalid --chat-rate NaN: allowed 0 (off) or 0.001..1000",
        "--payload;8;invalid --payload 8: allowed 32..65525",
        "--duration;-1;invalid --duration -1: allowed 0..31536000",
        "--mode;burst;invalid --mode burst: allowed chat|echo",
        "--window;0;invalid --window 0: allowed 1..100000",
        "--threads;-2;invalid --threads -2: allowed 0..1024",
        "--connect-rate;0;invalid --connect-rate 0: allowed 1..1000000",
        "--max-p99;-1;invalid --max-p99 -1: allowed 0 (off) or 0.001..3600000",
        "--attack;burst;invalid --attack burst: allowed malformed|drip|flood|never-read|reset|churn",
        "--attack;flood,drip,flood;invalid --attack flood,drip,flood: each attack at most once",
        "--attackers;0;invalid --attackers 0: allowed 1..100000",
        "--cycle-rate;0;invalid --cycle-rate 0: allowed 0.001..1000",
        "--flood-rate;x;invalid --flood-rate x: allowed 1..1000000",
        "--drip-interval;0;invalid --drip-interval 0: allowed 0.001..3600",
        "--transport;epoll;invalid --transport epoll: allowed servercore|jdk",
    })
    void aBadValueIsOneLineNamingFlagValueAndRangeAndExitsTwo(String flag, String value, String message) {
        assertEquals(DummyClientMain.USAGE, main(flag, value));
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertEquals("dummyclient: " + message + " (see --help)", lines.get(0));
        assertEquals("", out.toString());
    }

    @Test
    void anUnknownFlagIsOneLineAndExitsTwo() {
        assertEquals(DummyClientMain.USAGE, main("--clinets", "10"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("--clinets"), err.toString());
    }

    @Test
    void helpListsEveryFlag() {
        assertEquals(0, main("--help"));
        for (String flag : List.of("--host", "--port", "--clients", "--rooms", "--connect-rate", "--chat-rate",
                "--payload", "--move-rate", "--ping-interval", "--duration", "--mode", "--window", "--json", "--html",
                "--threads", "--max-p99", "--attack", "--attackers", "--cycle-rate", "--flood-rate", "--drip-interval",
                "--help")) {
            assertTrue(out.toString().contains(flag), flag + " missing from:\n" + out);
        }
    }

    @Test
    void defaultsAreSensible() {
        SwarmConfig config = DummyClientMain.parse();
        assertEquals("127.0.0.1", config.host());
        assertEquals(7777, config.port());
        assertEquals(Mode.CHAT, config.mode());
        assertEquals(Runtime.getRuntime().availableProcessors(), config.threads());
    }

    @Test
    void noPlayersOnlyBesideAnAttack() {
        assertEquals(DummyClientMain.USAGE, main("--clients", "0"));
        SwarmConfig config = DummyClientMain.parse("--clients", "0", "--attack", "churn,never-read");
        assertEquals(List.of(AttackMode.CHURN, AttackMode.NEVER_READ), config.attack().modes());
        assertEquals(0, config.calmNanos());
        assertEquals(List.of(), DummyClientMain.parse().attack().modes());
    }

    @Test
    @Timeout(30)
    void aCleanRunPrintsTheSummaryWritesJsonAndExitsZero(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        try (GameServer server = Runs.gameServer(200)) {
            int status = main("--host", "127.0.0.1", "--port", Integer.toString(server.address().getPort()),
                    "--clients", "20", "--rooms", "2", "--chat-rate", "10", "--duration", "1", "--threads", "1",
                    "--json", json.toString());
            assertEquals(0, status, out + "\n" + err);
        }
        String summary = out.toString();
        assertTrue(summary.contains("RESULT: OK (exit 0)"), summary);
        assertTrue(summary.contains("chat latency"), summary);
        String text = Files.readString(json);
        assertTrue(text.startsWith("{") && text.endsWith("}\n"), text);
        assertTrue(text.contains("\"exitStatus\": 0"), text);
        assertTrue(text.contains("\"failures\": []"), text);
        assertTrue(text.contains("\"chats\": {\"askedPerSecond\": 200.0"), text);
        assertTrue(text.contains("\"p99\": "), text);
    }

    @Test
    @Timeout(30)
    void aRunThatCannotConnectAtAllSaysSoInOneLineNotATableOfZeros(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free once closed: nothing listens there
        }
        Path json = dir.resolve("run.json");
        Path html = dir.resolve("run.html");
        int status = main("--host", "127.0.0.1", "--port", Integer.toString(port), "--clients", "10", "--threads", "1",
                "--json", json.toString(), "--html", html.toString());
        assertEquals(1, status, out + "\n" + err);
        // Progress lines, if a connect took long enough for one, then one line and nothing else.
        List<String> lines = out.toString().lines().filter(l -> !l.startsWith("[")).toList();
        String said = "RESULT: FAILED (exit 1): could not connect to 127.0.0.1:" + port + " at all: 10 connects failed"
                + " (first: cannot connect to /127.0.0.1:" + port + ": Connection refused";
        assertEquals(1, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith(said), lines.get(0));
        assertEquals("", err.toString());
        // The files are still written for scripts: the JSON with every figure, the page with the one line.
        assertTrue(Files.readString(json).contains("\"connectFailures\": 10"), Files.readString(json));
        String page = Files.readString(html);
        assertTrue(page.contains("<p id=\"unreachable\">could not connect to 127.0.0.1:" + port + " at all"), page);
        assertTrue(!page.contains("<svg"), "no charts of nothing");
    }
}
