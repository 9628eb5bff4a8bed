package io.servercore.gameserver.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.servercore.buffer.SendBufferManager;
import io.servercore.net.DisconnectReason;
import io.servercore.net.ServiceStats;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The game server's own series on a Prometheus registry: the engine's {@link ServiceStats}, the
 * send-buffer pool and the room count. Every one is a callback (the client's
 * {@link CounterWithCallback} and {@link GaugeWithCallback}, and {@link WriteSizeHistogram}) that
 * reads its figure when Prometheus scrapes: nothing is counted here, so nothing is counted twice,
 * and the engine's hot paths never reach this code.
 *
 * <p>Names follow Prometheus's conventions: a {@code servercore_} or {@code gameserver_} prefix,
 * {@code _total} on counters, {@code _bytes} where the figure is bytes. The disconnect reasons are
 * the {@link DisconnectReason} names in lower case, every one present from the start (at 0), so
 * that a rate over a reason never begins with a missing series.
 *
 * <p>Stateless; the callbacks run on the scraping thread and read only thread-safe figures.
 */
final class ServerMetrics {
    private ServerMetrics() {
    }

    static void register(PrometheusRegistry registry, ServiceStats engine, SendBufferManager pool, IntSupplier rooms) {
        gauge(registry, "servercore_sessions", "Sessions connected and not yet reported disconnected.",
                engine::sessions);
        counter(registry, "servercore_sessions_accepted_total", "Sessions accepted since the server started.",
                engine::sessionsOpened);
        counter(registry, "servercore_sessions_refused_total",
                "Connections closed at once because the server was at --max-sessions or shutting down.",
                engine::sessionsRefused);
        CounterWithCallback.builder()
                .name("servercore_disconnects_total")
                .help("Sessions ended, by the reason that ended them (the first one given).")
                .labelNames("reason")
                .callback(callback -> {
                    for (DisconnectReason reason : DisconnectReason.values()) {
                        callback.call(engine.disconnects(reason), label(reason));
                    }
                })
                .register(registry);
        counter(registry, "servercore_bytes_received_total", "Bytes read from the sessions' sockets.",
                engine::bytesReceived);
        counter(registry, "servercore_bytes_sent_total", "Bytes of the gathering writes that completed.",
                engine::bytesSent);
        counter(registry, "servercore_packets_received_total", "Frames received whole and handed to the server.",
                engine::packetsReceived);
        counter(registry, "servercore_packets_sent_total", "Packets written: the slices of the completed writes "
                + "(with --broadcast-tick, a tick's batch for one member is one).", engine::packetsSent);
        registry.register(new WriteSizeHistogram(engine));
        gauge(registry, "servercore_outbound_queued_bytes",
                "Bytes handed to send and not yet written, over all sessions.", engine::queuedBytes);
        gauge(registry, "servercore_send_buffer_slices",
                "Send-buffer slices cut and not yet released: 0 when quiet, or the server leaks.",
                pool::outstandingSlices);
        gauge(registry, "servercore_send_buffer_chunks", "Send-buffer chunks with at least one live slice.",
                pool::outstandingChunks);
        counter(registry, "servercore_send_buffer_chunks_allocated_total",
                "Send-buffer chunks allocated: one that keeps growing means chunks do not come back.",
                pool::chunksAllocated);
        gauge(registry, "gameserver_rooms", "Rooms with at least one member.", rooms::getAsInt);
    }

    /** The label value of {@code reason}: its name in lower case, as the stats line writes it. */
    static String label(DisconnectReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    private static void counter(PrometheusRegistry registry, String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }

    private static void gauge(PrometheusRegistry registry, String name, String help, LongSupplier value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }
}
