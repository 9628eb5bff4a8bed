package io.servercore.dummyclient.report;

import io.servercore.cli.Range;
import io.servercore.dummyclient.attack.AttackResult;
import io.servercore.dummyclient.config.Mode;
import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.Counter;
import io.servercore.dummyclient.metrics.ErrorCodes;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.Section;
import io.servercore.net.DisconnectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Writes a run as one self-contained HTML page ({@code --html FILE}): the verdict, the run's
 * configuration, throughput and latency over time, the latency percentile distribution, errors
 * and disconnects by kind, and every figure of the summary (the same {@link Report} sections the
 * table and {@link Json} are made of, so none of them can disagree).
 *
 * <p>Self-contained: the CSS and the script that draws the charts are inlined from this module's
 * resources ({@code html/report.css}, {@code html/report.js}) and the charts are inline SVG drawn
 * from the data embedded in the page, so the file opens anywhere with no network. The tables are
 * plain HTML: with scripts off every number is still there. A run that could not connect at all
 * gets one line saying so instead of charts and tables of zeros.
 *
 * <p>Stateless and thread-safe.
 */
public final class HtmlReport {
    private static final String CSS = resource("html/report.css");
    private static final String SCRIPT = resource("html/report.js");

    private HtmlReport() {
    }

    public static String of(SwarmResult r) {
        StringBuilder out = new StringBuilder(64 * 1024);
        boolean ok = r.exitStatus() == 0;
        String verdict = ok ? "RESULT: OK (exit 0)" : "RESULT: FAILED (exit " + SwarmResult.FAILED + ")";
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>dummyclient: ").append(esc(verdict)).append(" against ").append(esc(targets(r)))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header>\n<h1>dummyclient report</h1>\n<p class=\"sub\">").append(esc(r.config.mode().flagValue()))
                .append(" mode against ").append(esc(targets(r))).append(", written ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</p>\n");
        out.append("<div id=\"verdict\" class=\"").append(ok ? "ok" : "failed").append("\">\n<p>").append(esc(verdict))
                .append("</p>\n");
        if (r.connectedNone()) {
            out.append("<p id=\"unreachable\">").append(esc(r.connectedNoneLine())).append("</p>\n</div>\n</header>\n");
            configuration(r, out);
            return out.append("</body>\n</html>\n").toString();
        }
        if (!ok) {
            out.append("<ul>\n");
            r.failures().forEach(f -> out.append("<li>").append(esc(f)).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("</div>\n</header>\n");
        out.append("<noscript><p class=\"note\">The charts are drawn by the page's script; with scripts off, every ")
                .append("figure is still in the tables.</p></noscript>\n");
        configuration(r, out);
        boolean echo = r.config.mode() == Mode.ECHO;
        out.append("<section id=\"throughput\">\n<h2>Throughput over time</h2>\n<p class=\"note\">")
                .append(echo ? "Pings sent and round trips completed a second, as the progress lines printed them."
                        : "Chats sent a second against what the flags ask of the sessions in their rooms, as the "
                                + "progress lines printed them.")
                .append("</p>\n").append(chart("throughput-chart"));
        if (!echo) {
            out.append("<h3>Deliveries over time</h3>\n<p class=\"note\">Chat deliveries a second (every receiver ")
                    .append("of every chat) against what the room sizes predict.</p>\n").append(chart("deliveries-chart"));
        }
        out.append("<h3>Latency over time</h3>\n")
                .append("<p class=\"note\">Each second's p50 and p99 of ")
                .append(echo ? "round trips" : "chat latency (send to the sender's own copy back)").append(".</p>\n")
                .append(chart("latency-time-chart")).append("</section>\n");
        out.append("<section id=\"latency\">\n<h2>Latency percentile distribution</h2>\n<p class=\"note\">")
                .append("The whole run's HdrHistogram: the latency below which each fraction of the samples fell.")
                .append("</p>\n").append(chart("percentile-chart"));
        percentileTable(r, out);
        out.append("</section>\n");
        problems(r, out);
        out.append("<section id=\"figures\">\n<h2>Every figure of the summary</h2>\n");
        for (Section section : Report.sections(r)) {
            out.append("<table class=\"figures\" data-section=\"").append(esc(section.key())).append("\">\n<caption>")
                    .append(esc(section.title())).append("</caption>\n");
            if (section.figures().isEmpty()) {
                out.append("<tr><td colspan=\"2\">none</td></tr>\n");
            }
            for (Figure f : section.figures()) {
                out.append("<tr data-key=\"").append(esc(section.key() + "." + f.key())).append("\" data-value=\"")
                        .append(esc(f.json())).append("\"><th>").append(esc(f.label())).append("</th><td>")
                        .append(esc(f.display())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("</section>\n<script type=\"application/json\" id=\"report-data\">\n").append(data(r))
                .append("\n</script>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void configuration(SwarmResult r, StringBuilder out) {
        SwarmConfig c = r.config;
        List<String[]> rows = new ArrayList<>(List.of(
                row("mode", c.mode().flagValue()), row("servers", targets(r)),
                row("sessions (--clients)", Long.toString(c.clients())),
                row("connect rate", Range.number(c.connectRate()) + " /s")));
        if (c.mode() == Mode.ECHO) {
            rows.add(row("pings in flight per session (--window)", Integer.toString(c.window())));
        } else {
            rows.addAll(List.of(row("rooms", Integer.toString(c.rooms())),
                    row("chat rate per session", Range.number(c.chatRate()) + " /s"),
                    row("chat payload", c.payload() + " B"),
                    row("move rate per session", Range.number(c.moveRate()) + " /s"),
                    row("heartbeat ping interval", Range.number(c.pingIntervalSeconds()) + " s")));
        }
        rows.add(row("load duration (--duration)", Range.number(c.durationSeconds()) + " s"));
        rows.add(row("I/O threads, transport", c.threads() + ", " + c.transport()));
        rows.add(row("chat latency p99 limit (--max-p99)",
                c.maxP99Millis() == 0 ? "off" : Range.number(c.maxP99Millis()) + " ms"));
        if (c.attack().any()) {
            StringJoiner modes = new StringJoiner(", ");
            c.attack().modes().forEach(m -> modes.add(m.flag));
            rows.add(row("attacks", modes + "; " + c.attack().attackers() + " connections each"));
        }
        rows.add(row("ramp, load, drain", String.format(Locale.ROOT, "%.2f s, %.2f s, %.2f s", r.rampNanos / 1e9,
                r.loadNanos / 1e9, r.drainNanos / 1e9)));
        out.append("<section id=\"config\">\n<h2>Configuration</h2>\n<table class=\"config\">\n");
        for (String[] row : rows) {
            out.append("<tr><th>").append(esc(row[0])).append("</th><td>").append(esc(row[1])).append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private static void percentileTable(SwarmResult r, StringBuilder out) {
        out.append("<table class=\"percentiles\">\n<tr><th>ms</th><th>samples</th><th>p50</th><th>p90</th><th>p99</th>")
                .append("<th>p99.9</th><th>max</th></tr>\n");
        for (Map.Entry<String, Histogram> e : distributions(r).entrySet()) {
            Histogram h = e.getValue();
            out.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(h.getTotalCount()).append("</td>");
            for (double p : new double[] {50, 90, 99, 99.9}) {
                out.append("<td>").append(ms(h, h.getValueAtPercentile(p))).append("</td>");
            }
            out.append("<td>").append(ms(h, h.getMaxValue())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static String ms(Histogram h, double micros) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", micros / 1000);
    }

    /** The distributions worth a curve, by name, in the report's order. */
    private static Map<String, Histogram> distributions(SwarmResult r) {
        Map<String, Histogram> out = new java.util.LinkedHashMap<>();
        if (r.config.mode() == Mode.ECHO) {
            out.put("round trip", r.pingRtt);
            return out;
        }
        out.put("chat latency", r.chatLatency);
        if (r.config.attack().any() && r.config.clients() > 0) {
            out.put("chat latency before the attacks", r.chatLatencyCalm);
            out.put("chat latency during the attacks", r.chatLatencyAttacked);
        }
        out.put("heartbeat round trip", r.pingRtt);
        return out;
    }

    /** Errors and disconnects by kind: a bar chart and its table. */
    private static void problems(SwarmResult r, StringBuilder out) {
        out.append("<section id=\"problems\">\n<h2>Errors and disconnects</h2>\n");
        List<Map.Entry<String, Long>> kinds = problemKinds(r);
        if (kinds.isEmpty()) {
            out.append("<p class=\"none\">None: no S_Error, no disconnect before the end, no failed connect, no ")
                    .append("protocol error, nothing out of order.</p>\n</section>\n");
            return;
        }
        out.append(chart("problems-chart")).append("<table class=\"problems\">\n<tr><th>kind</th><th>count</th></tr>\n");
        for (Map.Entry<String, Long> kind : kinds) {
            out.append("<tr><th>").append(esc(kind.getKey())).append("</th><td>").append(kind.getValue())
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
        List<String> samples = new ArrayList<>(r.connectFailureSamples);
        samples.addAll(r.protocolErrorSamples);
        if (!samples.isEmpty()) {
            out.append("<p class=\"note\">First messages:</p>\n<ul class=\"samples\">\n");
            samples.forEach(s -> out.append("<li>").append(esc(s)).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    /** Every kind of error and disconnect the run saw, with its count; kinds never seen left out. */
    private static List<Map.Entry<String, Long>> problemKinds(SwarmResult r) {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        r.errorsByCode.forEach((code, n) -> out.add(Map.entry("S_Error " + code + " " + ErrorCodes.name(code), n)));
        for (Map.Entry<DisconnectReason, Long> e : r.disconnectsByCause.entrySet()) {
            out.add(Map.entry("disconnect " + e.getKey().name(), e.getValue()));
        }
        Object[][] counters = {{"failed connect", Counter.CONNECT_FAILURES}, {"protocol error", Counter.PROTOCOL_ERRORS},
            {"packet out of place", Counter.UNEXPECTED_PACKETS}, {"out of sender order", Counter.ORDER_VIOLATIONS},
            {"missing between two of a sender", Counter.ORDER_GAPS}};
        for (Object[] c : counters) {
            long n = r.count((Counter) c[1]);
            if (n > 0) {
                out.add(Map.entry((String) c[0], n));
            }
        }
        for (AttackResult attack : r.attacks) {
            for (AttackCounter c : new AttackCounter[] {AttackCounter.UNEXPECTED_CLOSES, AttackCounter.NOT_ANSWERED,
                AttackCounter.CONNECT_FAILURES}) {
                if (attack.count(c) > 0) {
                    out.add(Map.entry(attack.mode.flag + ": " + c.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            attack.count(c)));
                }
            }
        }
        return out;
    }

    /** The data the script draws from, as JSON; {@code </} escaped so that it cannot end the script element. */
    private static String data(SwarmResult r) {
        StringBuilder out = new StringBuilder("{\"mode\": ").append(Figure.quote(r.config.mode().flagValue()));
        out.append(",\n\"timeline\": {\"t\": ").append(series(r.seconds, Second::atSeconds));
        out.append(", \"sent\": ").append(series(r.seconds, Second::sent));
        out.append(", \"asked\": ").append(series(r.seconds, Second::asked));
        out.append(", \"delivered\": ").append(series(r.seconds, Second::delivered));
        out.append(", \"predicted\": ").append(series(r.seconds, Second::predicted));
        out.append(", \"p50\": ").append(series(r.seconds, Second::p50Millis));
        out.append(", \"p99\": ").append(series(r.seconds, Second::p99Millis));
        StringJoiner phases = new StringJoiner(", ", "[", "]");
        r.seconds.forEach(s -> phases.add(Figure.quote(s.phase())));
        out.append(", \"phase\": ").append(phases).append("},\n\"percentiles\": [");
        StringJoiner curves = new StringJoiner(",\n");
        distributions(r).forEach((name, h) -> curves.add("{\"name\": " + Figure.quote(name) + ", \"points\": "
                + percentilePoints(h) + "}"));
        out.append(curves).append("],\n\"problems\": [");
        StringJoiner kinds = new StringJoiner(", ");
        problemKinds(r).forEach(k -> kinds.add("[" + Figure.quote(k.getKey()) + ", " + k.getValue() + "]"));
        out.append(kinds).append("]}");
        return out.toString().replace("</", "<\\/");
    }

    private static String series(List<Second> seconds, ToDoubleFunction<Second> value) {
        StringJoiner out = new StringJoiner(", ", "[", "]");
        seconds.forEach(s -> out.add(number(value.applyAsDouble(s))));
        return out.toString();
    }

    /** {@code [[percentile, ms], ...]} along the histogram, five steps per halving of the tail. */
    private static String percentilePoints(Histogram h) {
        StringJoiner out = new StringJoiner(", ", "[", "]");
        if (h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.percentiles(5)) {
                out.add("[" + number(v.getPercentileLevelIteratedTo()) + ", " + number(v.getValueIteratedTo() / 1000.0)
                        + "]");
            }
        }
        return out.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    /** A chart's frame; the script draws into it and marks it {@code data-drawn}. */
    private static String chart(String id) {
        return "<svg id=\"" + id + "\" class=\"chart\" viewBox=\"0 0 900 300\" role=\"img\"></svg>\n";
    }

    private static String targets(SwarmResult r) {
        StringJoiner out = new StringJoiner(",");
        r.config.targets().forEach(t -> out.add(t.toString()));
        return out.toString();
    }

    /** {@code text} safe in HTML text and in a double-quoted attribute. */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + HtmlReport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
