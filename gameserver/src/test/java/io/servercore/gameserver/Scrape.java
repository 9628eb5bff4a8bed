package io.servercore.gameserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics endpoint as Prometheus sees it: an HTTP GET, and the text format parsed back
 * into one value per series, keyed as the line writes it ({@code name} or
 * {@code name{label="value"}}). Written here, not borrowed from the client library that wrote it.
 *
 * @param status the HTTP status
 * @param body   the response body
 */
record Scrape(int status, String body) {
    /** GETs {@code path} from the endpoint at {@code address}, on a connection of its own that it closes. */
    static Scrape get(InetSocketAddress address, String path) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + address.getPort() + path)
                .openConnection();
        http.setConnectTimeout(10_000);
        http.setReadTimeout(10_000);
        http.setRequestProperty("Connection", "close"); // no kept connection: a stopped endpoint refuses the next
        try {
            int status = http.getResponseCode();
            InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Scrape(status, body);
        } finally {
            http.disconnect();
        }
    }

    /** {@code GET /metrics}, which must answer 200. */
    static Scrape metrics(InetSocketAddress address) throws IOException {
        Scrape scrape = get(address, "/metrics");
        if (scrape.status != 200) {
            throw new AssertionError("GET /metrics answered " + scrape.status + ": " + scrape.body);
        }
        return scrape;
    }

    /** Every sample line's value by its series, in the order written; comments skipped. */
    Map<String, Double> samples() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            // Label values may hold spaces; the value follows the last space (no timestamps are written).
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    /** The value of {@code series}; fails naming it when the scrape has no such line. */
    double value(String series) {
        Double v = samples().get(series);
        if (v == null) {
            throw new AssertionError("no series " + series + " in:\n" + body);
        }
        return v;
    }

    /** {@code value} as a whole count. */
    long count(String series) {
        double v = value(series);
        if (v != Math.rint(v)) {
            throw new AssertionError(series + " = " + v + ", not a whole number");
        }
        return (long) v;
    }
}
