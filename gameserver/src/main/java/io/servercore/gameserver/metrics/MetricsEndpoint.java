package io.servercore.gameserver.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.servercore.buffer.SendBufferManager;
import io.servercore.net.ServiceStats;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The game server's HTTP endpoint for operators, on its own port:
 * <ul>
 * <li>{@code GET /metrics}: every series of {@link ServerMetrics} and the client's {@code jvm_} and
 *     {@code process_} series ({@link JvmMetrics}), in
 *     the Prometheus text format (the official client's {@link MetricsHandler}, which also speaks
 *     OpenMetrics and protobuf to a scraper that asks);
 * <li>{@code GET /health}: {@code 200 accepting} while the server accepts players, {@code 503
 *     shutting down} from the moment a graceful shutdown begins, for a load balancer or an
 *     orchestrator's readiness check.
 * </ul>
 * Anything else is a 404. It runs on the JDK's {@code com.sun.net.httpserver} with one daemon
 * thread of its own: a scrape never runs on the engine's I/O threads.
 *
 * <p>Threading: {@link #start} and {@link #close()} from any thread, {@code close} once or more;
 * requests are served one at a time on the endpoint's thread.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService thread;

    private MetricsEndpoint(HttpServer http, ExecutorService thread) {
        this.http = http;
        this.thread = thread;
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and starts serving.
     *
     * @param engine    the game service's counters
     * @param rooms     the number of rooms now
     * @param accepting whether the server accepts players (false once it shuts down)
     * @throws IOException naming the address when it cannot be bound or resolved
     */
    public static MetricsEndpoint start(InetSocketAddress address, ServiceStats engine, IntSupplier rooms,
                                        BooleanSupplier accepting) throws IOException {
        String where = address.getHostString() + ":" + address.getPort();
        InetSocketAddress bind = new InetSocketAddress(address.getHostString(), address.getPort());
        if (bind.isUnresolved()) {
            throw new IOException("cannot serve metrics on " + where + ": unknown host");
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        ServerMetrics.register(registry, engine, SendBufferManager.shared(), rooms);
        JvmMetrics.builder().register(registry);
        HttpServer http;
        try {
            http = HttpServer.create(bind, 16);
        } catch (BindException e) {
            throw new BindException("cannot serve metrics on " + where + ": " + e.getMessage());
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(thread);
        http.createContext("/metrics", new MetricsHandler(registry));
        http.createContext("/health", exchange -> health(exchange, accepting.getAsBoolean()));
        http.start();
        return new MetricsEndpoint(http, thread);
    }

    /** The bound address; tells the port when 0 was asked for. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** Stops serving at once; a request under way is cut. */
    @Override
    public void close() {
        http.stop(0);
        thread.shutdownNow();
    }

    private static void health(HttpExchange exchange, boolean accepting) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/health")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = (accepting ? "accepting\n" : "shutting down\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(accepting ? 200 : 503, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
