package io.servercore.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one run of the neutral generator found: the file {@code --json} writes, and what
 * {@code Compare} reads back from it ({@link #parse}). Latencies are in milliseconds; a figure
 * without a sample is NaN (null in the file).
 *
 * <p>In chat mode the latency is the delivery latency (to the members other than the sender,
 * from the chat's due time) and {@code ownEcho} the sender's own copy; in echo mode the latency
 * is the round trip and {@code ownEcho} is empty.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mode     {@code chat} or {@code echo}
 * @param run      the settings of the run, by flag name
 * @param totals   everything counted, over the whole run and the drain
 * @param steady   the seconds after the warm-up
 * @param seconds  every second of load, one entry each
 * @param failures what went wrong, in words; empty when nothing did
 */
public record Report(String mode, Map<String, Object> run, Totals totals, Steady steady, List<Second> seconds,
                     List<String> failures) {

    /** Below this share of the chats asked actually sent in the steady seconds, the run did not keep up. */
    public static final double KEPT_UP_PERCENT = 95;

    public Report {
        run = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(run));
        seconds = List.copyOf(seconds);
        failures = List.copyOf(failures);
    }

    /** A distribution in ms. */
    public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {
        static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static Percentiles of(Histogram h) {
            return h.getTotalCount() == 0 ? NONE : new Percentiles(h.getTotalCount(), Latency.millis(h, 50),
                    Latency.millis(h, 90), Latency.millis(h, 99), Latency.millis(h, 99.9), Latency.maxMillis(h));
        }
    }

    /**
     * One second of load.
     *
     * @param rate    chat: deliveries received in it, the senders' own copies included; echo: round trips
     * @param asked   chat: send slots due in it; echo: 0
     * @param sent    chats or pings sent in it
     * @param p50     the second's delivery latency (chat) or round trip (echo), ms
     * @param echoP50 chat: the second's own-echo latency, ms
     * @param lagP99  chat: how late the second's sends went out after their due time, p99, ms
     * @param errors  S_Error, closes, malformed and foreign frames in it
     */
    public record Second(int second, boolean warmUp, long rate, long asked, long sent, double p50, double p99,
                         double echoP50, double echoP99, double lagP99, long errors) {
    }

    /**
     * Everything counted over the run and its drain.
     *
     * @param predicted  chat: deliveries the room sizes predict for the chats sent, own copies included
     * @param lost       chat: predicted but not delivered by the end of the drain; echo: C_Ping never answered
     * @param gaps       chat: a sender's chats a receiver skipped over
     * @param untracked  chat: deliveries whose order could not be checked (more senders than a room holds)
     * @param foreign    frames that were not the generator's or not expected
     * @param drainMillis how long the wait for what was on its way took
     */
    public record Totals(int sessions, int ready, long asked, long sent, long held, long predicted, long delivered,
                         long echoed, long roundTrips, long lost, long outOfOrder, long gaps, long untracked,
                         long sErrors, Map<Integer, Long> errorsByCode, long closed, long malformed, long foreign,
                         double drainMillis) {
        public Totals {
            errorsByCode = java.util.Collections.unmodifiableMap(new TreeMap<>(errorsByCode));
        }
    }

    /**
     * The seconds after the warm-up.
     *
     * @param perSecond   mean deliveries (chat) or round trips (echo) a second
     * @param sentPercent chat: chats sent of chats asked; NaN for echo
     * @param keptUp      chat: at least {@link #KEPT_UP_PERCENT} of the chats asked were sent; echo: true
     * @param latency     chat: delivery latency of chats due in them; echo: round trips of pings sent in them
     * @param ownEcho     chat: the senders' own copies; echo: none
     * @param sendLag     chat: how late the sends went out after their due time
     * @param cpuMillis   the generator thread's CPU time in them (polling included); NaN where the JVM cannot tell
     * @param allocatedBytes bytes the generator thread allocated in them; -1 where the JVM cannot tell
     */
    public record Steady(int seconds, long asked, long sent, double sentPercent, boolean keptUp, double perSecond,
                         Percentiles latency, Percentiles ownEcho, Percentiles sendLag, double cpuMillis,
                         long allocatedBytes) {
    }

    public boolean isChat() {
        return mode.equals("chat");
    }

    private String latencyKey() {
        return isChat() ? "deliveryLatencyMs" : "roundTripMs";
    }

    private String rateKey() {
        return isChat() ? "delivered" : "roundTrips";
    }

    /** The file {@code --json} writes. */
    public String toJson() {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"generator\": \"neutral\",\n");
        j.append("  \"mode\": ").append(Json.string(mode)).append(",\n");
        j.append("  \"run\": {");
        String sep = "";
        for (Map.Entry<String, Object> e : run.entrySet()) {
            Object v = e.getValue();
            j.append(sep).append(Json.string(e.getKey())).append(": ").append(v instanceof Number n
                    ? Json.number(n.doubleValue()) : v == null ? "null" : Json.string(v.toString()));
            sep = ", ";
        }
        j.append("},\n");
        Totals t = totals;
        j.append("  \"totals\": {\"sessions\": ").append(t.sessions()).append(", \"ready\": ").append(t.ready())
                .append(", \"asked\": ").append(t.asked()).append(", \"sent\": ").append(t.sent())
                .append(", \"held\": ").append(t.held()).append(", \"predicted\": ").append(t.predicted())
                .append(", \"delivered\": ").append(t.delivered()).append(", \"echoed\": ").append(t.echoed())
                .append(", \"roundTrips\": ").append(t.roundTrips()).append(", \"lost\": ").append(t.lost())
                .append(", \"outOfOrder\": ").append(t.outOfOrder()).append(", \"gaps\": ").append(t.gaps())
                .append(", \"untracked\": ").append(t.untracked()).append(", \"sErrors\": ").append(t.sErrors())
                .append(", \"errorsByCode\": {");
        sep = "";
        for (Map.Entry<Integer, Long> e : t.errorsByCode().entrySet()) {
            j.append(sep).append('"').append(e.getKey()).append("\": ").append(e.getValue());
            sep = ", ";
        }
        j.append("}, \"closed\": ").append(t.closed()).append(", \"malformed\": ").append(t.malformed())
                .append(", \"foreign\": ").append(t.foreign()).append(", \"drainMs\": ")
                .append(Json.number(t.drainMillis())).append("},\n");
        Steady s = steady;
        j.append("  \"steady\": {\"seconds\": ").append(s.seconds()).append(", \"asked\": ").append(s.asked())
                .append(", \"sent\": ").append(s.sent()).append(", \"sentPercent\": ")
                .append(Json.number(s.sentPercent())).append(", \"keptUp\": ").append(s.keptUp())
                .append(", \"perSecond\": ").append(Json.number(s.perSecond())).append(", \"cpuMs\": ")
                .append(Json.number(s.cpuMillis())).append(", \"allocatedBytes\": ").append(s.allocatedBytes())
                .append(",\n    \"")
                .append(latencyKey()).append("\": ").append(json(s.latency()));
        if (isChat()) {
            j.append(",\n    \"ownEchoLatencyMs\": ").append(json(s.ownEcho()))
                    .append(",\n    \"sendLagMs\": ").append(json(s.sendLag()));
        }
        j.append("},\n  \"seconds\": [");
        sep = "\n    ";
        for (Second x : seconds) {
            j.append(sep).append("{\"second\": ").append(x.second()).append(", \"warmUp\": ").append(x.warmUp())
                    .append(", \"").append(rateKey()).append("\": ").append(x.rate());
            if (isChat()) {
                j.append(", \"asked\": ").append(x.asked());
            }
            j.append(", \"sent\": ").append(x.sent()).append(", \"p50Ms\": ").append(Json.number(x.p50()))
                    .append(", \"p99Ms\": ").append(Json.number(x.p99()));
            if (isChat()) {
                j.append(", \"ownEchoP50Ms\": ").append(Json.number(x.echoP50())).append(", \"ownEchoP99Ms\": ")
                        .append(Json.number(x.echoP99())).append(", \"lagP99Ms\": ").append(Json.number(x.lagP99()));
            }
            j.append(", \"errors\": ").append(x.errors()).append('}');
            sep = ",\n    ";
        }
        j.append("\n  ],\n  \"failures\": [");
        sep = "";
        for (String f : failures) {
            j.append(sep).append("\n    ").append(Json.string(f));
            sep = ",";
        }
        j.append(failures.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return j.toString();
    }

    private static String json(Percentiles p) {
        return "{\"count\": " + p.count() + ", \"p50\": " + Json.number(p.p50()) + ", \"p90\": " + Json.number(p.p90())
                + ", \"p99\": " + Json.number(p.p99()) + ", \"p99_9\": " + Json.number(p.p999()) + ", \"max\": "
                + Json.number(p.max()) + "}";
    }

    /**
     * Reads a file {@link #toJson()} wrote.
     *
     * @throws IllegalArgumentException naming what is missing or not JSON
     */
    @SuppressWarnings("unchecked")
    public static Report parse(String json) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(json);
        String mode = (String) need(root, "mode");
        boolean chat = mode.equals("chat");
        Map<String, Object> t = map(root, "totals");
        Map<Integer, Long> codes = new TreeMap<>();
        map(t, "errorsByCode").forEach((k, v) -> codes.put(Integer.valueOf(k), ((Number) v).longValue()));
        Totals totals = new Totals(i(t, "sessions"), i(t, "ready"), l(t, "asked"), l(t, "sent"), l(t, "held"),
                l(t, "predicted"), l(t, "delivered"), l(t, "echoed"), l(t, "roundTrips"), l(t, "lost"),
                l(t, "outOfOrder"), l(t, "gaps"), l(t, "untracked"), l(t, "sErrors"), codes, l(t, "closed"),
                l(t, "malformed"), l(t, "foreign"), d(t, "drainMs"));
        Map<String, Object> s = map(root, "steady");
        Steady steady = new Steady(i(s, "seconds"), l(s, "asked"), l(s, "sent"), d(s, "sentPercent"),
                (Boolean) need(s, "keptUp"), d(s, "perSecond"),
                percentiles(map(s, chat ? "deliveryLatencyMs" : "roundTripMs")),
                chat ? percentiles(map(s, "ownEchoLatencyMs")) : Percentiles.NONE,
                chat ? percentiles(map(s, "sendLagMs")) : Percentiles.NONE, d(s, "cpuMs"), l(s, "allocatedBytes"));
        List<Second> seconds = new ArrayList<>();
        for (Object o : (List<Object>) need(root, "seconds")) {
            Map<String, Object> x = (Map<String, Object>) o;
            seconds.add(new Second(i(x, "second"), (Boolean) need(x, "warmUp"), l(x, chat ? "delivered" : "roundTrips"),
                    chat ? l(x, "asked") : 0, l(x, "sent"), d(x, "p50Ms"), d(x, "p99Ms"),
                    chat ? d(x, "ownEchoP50Ms") : Double.NaN, chat ? d(x, "ownEchoP99Ms") : Double.NaN,
                    chat ? d(x, "lagP99Ms") : Double.NaN, l(x, "errors")));
        }
        List<String> failures = new ArrayList<>();
        for (Object o : (List<Object>) need(root, "failures")) {
            failures.add((String) o);
        }
        return new Report(mode, map(root, "run"), totals, steady, seconds, failures);
    }

    private static Percentiles percentiles(Map<String, Object> p) {
        return new Percentiles(l(p, "count"), d(p, "p50"), d(p, "p90"), d(p, "p99"), d(p, "p99_9"), d(p, "max"));
    }

    private static Object need(Map<String, Object> m, String key) {
        if (!m.containsKey(key)) {
            throw new IllegalArgumentException("no \"" + key + "\" in the generator's report: " + m.keySet());
        }
        return m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) need(m, key);
    }

    private static double d(Map<String, Object> m, String key) {
        Object v = need(m, key);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static long l(Map<String, Object> m, String key) {
        return ((Number) need(m, key)).longValue();
    }

    private static int i(Map<String, Object> m, String key) {
        return ((Number) need(m, key)).intValue();
    }
}
