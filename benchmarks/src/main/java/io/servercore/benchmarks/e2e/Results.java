package io.servercore.benchmarks.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of every round, per row and server, and the Markdown table of their medians
 * and ratios (ours / Netty) that goes to {@code benchmarks/results/}.
 *
 * <p>Not thread-safe; the runner's thread.
 */
final class Results {
    /** One line of the table: what is measured, its unit, and whether more is better. */
    record Row(String scenario, String metric, String unit, boolean higherIsBetter) {
    }

    private final List<String> servers;
    private final Map<Row, Map<String, List<Double>>> figures = new LinkedHashMap<>();

    Results(List<String> servers) {
        this.servers = servers;
    }

    void add(Row row, String server, double value) {
        figures.computeIfAbsent(row, r -> new LinkedHashMap<>())
                .computeIfAbsent(server, s -> new ArrayList<>()).add(value);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double median(Row row, String server) {
        return median(figures.getOrDefault(row, Map.of()).getOrDefault(server, List.of()));
    }

    /** The table: one row per figure, medians, ours / theirs, and every round's raw value. */
    String markdown() {
        String ours = servers.get(0);
        String theirs = servers.get(1);
        StringBuilder md = new StringBuilder();
        md.append("| scenario | figure | ").append(ours).append(" (median) | ").append(theirs)
                .append(" (median) | ratio ").append(ours).append(" / ").append(theirs).append(" | raw ")
                .append(ours).append(" | raw ").append(theirs).append(" |\n");
        md.append("|---|---|---:|---:|---:|---|---|\n");
        for (Map.Entry<Row, Map<String, List<Double>>> e : figures.entrySet()) {
            Row row = e.getKey();
            double a = median(e.getValue().getOrDefault(ours, List.of()));
            double b = median(e.getValue().getOrDefault(theirs, List.of()));
            md.append("| ").append(row.scenario()).append(" | ").append(row.metric()).append(" (")
                    .append(row.unit()).append(row.higherIsBetter() ? ", more is better" : ", less is better")
                    .append(") | ").append(format(a)).append(" | ").append(format(b)).append(" | ")
                    .append(b == 0 || Double.isNaN(a) || Double.isNaN(b) ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b))
                    .append(" | ").append(raw(e.getValue().get(ours))).append(" | ").append(raw(e.getValue().get(theirs)))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String raw(List<Double> values) {
        if (values == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(format(v));
        }
        return String.join(", ", parts);
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
