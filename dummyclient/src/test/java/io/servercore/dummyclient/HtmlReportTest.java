package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.dummyclient.report.SwarmResult;
import io.servercore.gameserver.GameServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --html FILE} of a short run against a server that rate-limits (so that it has errors
 * to show as well as traffic): one self-contained page holding every number of the JSON summary,
 * the verdict and its reasons, and charts that its script draws, as headless Chromium shows.
 */
@Timeout(120)
class HtmlReportTest {
    private static final Pattern JSON_SECTION = Pattern.compile("^  \"(\\w+)\": \\{(.*)\\},?$");
    private static final Pattern JSON_FIGURE = Pattern.compile("\"(\\w+)\": (null|\"(?:[^\"\\\\]|\\\\.)*\"|[-0-9.eE]+)");
    private static final Pattern HTML_FIGURE = Pattern.compile("data-key=\"([^\"]*)\" data-value=\"([^\"]*)\"");

    @TempDir
    static Path dir;
    private static Path html;
    private static String page;
    private static String json;

    @BeforeAll
    static void run() throws Exception {
        html = dir.resolve("run.html");
        Path jsonFile = dir.resolve("run.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // 10 packets a second allowed (bursts of 20), 40 chats a second sent: at least 60 - (20 + 10 x 2.5) of
        // each session's come back as S_Error(3), and show as gaps.
        try (GameServer server = Runs.gameServer(10)) {
            int status = DummyClientMain.run(new String[] {"--host", "127.0.0.1",
                "--port", Integer.toString(server.address().getPort()), "--clients", "20", "--rooms", "2",
                "--connect-rate", "20", "--chat-rate", "40", "--move-rate", "0", "--ping-interval", "0",
                "--duration", "1.5", "--threads", "1", "--json", jsonFile.toString(), "--html", html.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(SwarmResult.FAILED, status, out + "\n" + err);
        }
        page = Files.readString(html);
        json = Files.readString(jsonFile);
    }

    @Test
    void thePageHoldsEveryNumberOfTheJsonSummary() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : json.split("\n")) {
            Matcher section = JSON_SECTION.matcher(line);
            if (section.matches()) {
                Matcher figure = JSON_FIGURE.matcher(section.group(2));
                while (figure.find()) {
                    expected.put(section.group(1) + "." + figure.group(1), figure.group(2));
                }
            }
        }
        assertTrue(expected.size() > 40, "the JSON's figures: " + expected);
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher figure = HTML_FIGURE.matcher(page);
        while (figure.find()) {
            shown.put(unescape(figure.group(1)), unescape(figure.group(2)));
        }
        assertEquals(expected, shown);
    }

    @Test
    void thePageHasTheVerdictItsReasonsAndEveryChartsFrame() {
        assertTrue(json.contains("\"exitStatus\": 1"), json);
        assertTrue(page.contains("<div id=\"verdict\" class=\"failed\">\n<p>RESULT: FAILED (exit 1)</p>"), page);
        assertTrue(page.contains("RATE_LIMITED"), "the reason is in the verdict");
        for (String chart : List.of("throughput-chart", "deliveries-chart", "latency-time-chart", "percentile-chart",
                "problems-chart")) {
            assertTrue(page.contains("<svg id=\"" + chart + "\""), chart);
        }
        // The progress lines' figures, one a second over the ramp (1 s) and the load (1.5 s).
        assertTrue(page.matches("(?s).*\"timeline\": \\{\"t\": \\[[^\\]]+,[^\\]]+\\].*"), "at least two seconds");
        assertTrue(page.contains("<tr><th>S_Error 3 RATE_LIMITED</th>"), "errors by kind");
    }

    @Test
    void thePageFetchesNothing() {
        for (String fetch : List.of("http:", "https:", "<link", " src=", "@import", "url(")) {
            assertFalse(page.contains(fetch), "the page holds " + fetch);
        }
        assertTrue(page.contains("<style>") && page.contains("<script>"), "its CSS and script are inline");
    }

    @Test
    void chromiumShowsEveryChartDrawnByThePagesScript(@TempDir Path browserDir) throws Exception {
        String dom = Chromium.dumpDom(Chromium.require(), html, browserDir.resolve("profile"));
        // data-drawn is set by the script alone, to the number of series (or bars) it drew.
        assertEquals("2", drawn(dom, "throughput-chart"), "chats sent and asked");
        assertEquals("2", drawn(dom, "deliveries-chart"), "deliveries and their prediction");
        assertEquals("1", drawn(dom, "percentile-chart"), "chat latency (no heartbeats in this run)");
        assertTrue(Integer.parseInt(drawn(dom, "latency-time-chart")) >= 1, "p50 and p99 a second");
        assertTrue(Integer.parseInt(drawn(dom, "problems-chart")) >= 2, "S_Error 3 and the gaps it made");
        assertTrue(dom.contains("data-series=\"chats sent\""), "a line for chats sent");
        assertTrue(dom.contains("data-kind=\"S_Error 3 RATE_LIMITED\""), "a bar for the rate limit");
    }

    /** The data-drawn attribute of the chart {@code id} in the rendered DOM; fails if the script did not set it. */
    private static String drawn(String dom, String id) {
        Matcher m = Pattern.compile("<svg id=\"" + id + "\"[^>]*\\bdata-drawn=\"(\\d+)\"").matcher(dom);
        assertTrue(m.find(), id + " was not drawn:\n" + dom);
        return m.group(1);
    }

    private static String unescape(String attribute) {
        return attribute.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
