package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard beside the docs cannot rot: it is well-formed JSON, every series its
 * queries name is one a running server serves, and every query is PromQL that promtool parses.
 */
@Timeout(60)
class GrafanaDashboardTest {
    /** Relative to the module, where surefire runs. */
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "servercore.json");
    private static final Pattern EXPR = Pattern.compile("\"expr\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SERIES = Pattern.compile("\\b(?:servercore|gameserver|jvm|process)_[a-z_]+");

    @Test
    void everyQueryNamesASeriesTheServerServesAndParses(@TempDir Path dir) throws Exception {
        String json = Files.readString(DASHBOARD, StandardCharsets.UTF_8);
        JsonCheck.wellFormed(json);
        List<String> queries = new ArrayList<>();
        Matcher m = EXPR.matcher(json);
        while (m.find()) {
            queries.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        assertTrue(queries.size() >= 10, "the dashboard's queries: " + queries);

        Set<String> served;
        try (GameServer server = GameServer.start(TestServers.config(), null, new InetSocketAddress("127.0.0.1", 0))) {
            served = Scrape.metrics(server.metricsAddress()).samples().keySet().stream()
                    .map(series -> series.replaceFirst("\\{.*", "")).collect(Collectors.toSet());
        }
        Set<String> missing = new TreeSet<>();
        for (String query : queries) {
            Matcher names = SERIES.matcher(query);
            while (names.find()) {
                if (!served.contains(names.group())) {
                    missing.add(names.group());
                }
            }
        }
        assertEquals(Set.of(), missing, "series the dashboard asks for that the server does not serve");

        // As recording rules, with Grafana's variables given values, promtool parses every query.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String promql = queries.get(i).replace("$__rate_interval", "1m").replace("$instance", ".*");
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
                    .append(promql.replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve("dashboard-rules.yml");
        Files.writeString(file, rules);
        Promtool.checkRules(Promtool.require(), file);
    }
}
