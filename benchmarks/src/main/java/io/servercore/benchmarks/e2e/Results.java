package io.servercore.benchmarks.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of every round, per row and server, and the Markdown table of their medians,
 * their ratios to the reference server, and every round's raw value, that goes to
 * {@code benchmarks/results/}.
 *
 * <p>Not thread-safe; the runner's thread.
 */
final class Results {
    /** Which way a figure is better, or that it is there to read the others by. */
    enum Better {
        MORE,
        LESS,
        NEITHER
    }

    /** One line of the table: what is measured, its unit, and which way is better. */
    record Row(String scenario, String metric, String unit, Better better) {
        String label() {
            return metric + " (" + unit + switch (better) {
                case MORE -> ", more is better)";
                case LESS -> ", less is better)";
                case NEITHER -> ")";
            };
        }
    }

    private final List<String> servers;
    private final String reference;
    private final Map<Row, Map<String, List<Double>>> figures = new LinkedHashMap<>();

    Results(List<String> servers, String reference) {
        this.servers = List.copyOf(servers);
        this.reference = reference;
    }

    void add(Row row, String server, double value) {
        figures.computeIfAbsent(row, r -> new LinkedHashMap<>())
                .computeIfAbsent(server, s -> new ArrayList<>()).add(value);
    }

    /** The median of the values that are numbers; NaN when there are none. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>();
        for (Double v : values) {
            if (v != null && !Double.isNaN(v)) {
                sorted.add(v);
            }
        }
        sorted.sort(null);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double median(Row row, String server) {
        return median(values(row, server));
    }

    /** Every round's value of the row for the server, in the order measured. */
    List<Double> values(Row row, String server) {
        return figures.getOrDefault(row, Map.of()).getOrDefault(server, List.of());
    }

    /** The median of {@code server} over the reference's, or NaN when either is missing or the reference's is 0. */
    double ratio(Row row, String server) {
        double a = median(row, server);
        double b = median(row, reference);
        return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a / b;
    }

    /** The rows measured, in the order first measured. */
    List<Row> rows() {
        return List.copyOf(figures.keySet());
    }

    /**
     * The table: one row per figure; each server's median; each other server's median over the
     * reference's; each server's raw values, round by round.
     */
    String markdown() {
        List<String> others = servers.stream().filter(s -> !s.equals(reference)).toList();
        StringBuilder md = new StringBuilder("| scenario | figure |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String s : servers) {
            md.append(' ').append(s).append(" (median) |");
            rule.append("---:|");
        }
        for (String s : others) {
            md.append(" ratio ").append(s).append(" / ").append(reference).append(" |");
            rule.append("---:|");
        }
        for (String s : servers) {
            md.append(" raw ").append(s).append(" |");
            rule.append("---|");
        }
        md.append('\n').append(rule).append('\n');
        for (Map.Entry<Row, Map<String, List<Double>>> e : figures.entrySet()) {
            Row row = e.getKey();
            md.append("| ").append(row.scenario()).append(" | ").append(row.label()).append(" |");
            for (String s : servers) {
                md.append(' ').append(format(median(row, s))).append(" |");
            }
            for (String s : others) {
                double r = ratio(row, s);
                md.append(' ').append(Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r)).append(" |");
            }
            for (String s : servers) {
                md.append(' ').append(raw(e.getValue().get(s))).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    static String raw(List<Double> values) {
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
