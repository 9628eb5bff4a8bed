package io.servercore.gameserver.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.servercore.net.ServiceStats;

/**
 * {@code servercore_gathering_write_slices}: how many slices (packets) each completed gathering
 * write carried, as a Prometheus histogram with the engine's fixed buckets, {@code le} 1, 2, 4,
 * ... 1024 (a write carries at most 1,024) and {@code +Inf}. Its {@code _count} is the writes, its
 * {@code _sum} the packets sent. Many writes in the top buckets mean the server batches well
 * under load; writes of one slice each under load mean it does not.
 *
 * <p>A collector of its own because the client's callback metrics have no histogram: it builds
 * the snapshot from {@link ServiceStats#writeSizes()} when scraped. The count is the sum of the
 * buckets as read; the sum is read just after, so it may include a write or two that the buckets
 * missed.
 *
 * <p>Threading: {@link #collect()} runs on the scraping thread; {@code ServiceStats} is thread-safe.
 */
final class WriteSizeHistogram implements Collector {
    static final String NAME = "servercore_gathering_write_slices";
    private static final String HELP = "Slices (packets) per completed gathering write.";

    private final ServiceStats engine;
    private final double[] upperBounds = new double[ServiceStats.WRITE_SIZE_BUCKETS + 1];

    WriteSizeHistogram(ServiceStats engine) {
        this.engine = engine;
        for (int i = 0; i < ServiceStats.WRITE_SIZE_BUCKETS; i++) {
            upperBounds[i] = ServiceStats.writeSizeBound(i);
        }
        upperBounds[ServiceStats.WRITE_SIZE_BUCKETS] = Double.POSITIVE_INFINITY;
    }

    @Override
    public HistogramSnapshot collect() {
        long[] counts = new long[upperBounds.length]; // the +Inf bucket stays 0: no write is larger
        System.arraycopy(engine.writeSizes(), 0, counts, 0, ServiceStats.WRITE_SIZE_BUCKETS);
        return HistogramSnapshot.builder()
                .name(NAME)
                .help(HELP)
                .dataPoint(HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, counts))
                        .sum(engine.packetsSent())
                        .build())
                .build();
    }

    /** Tells the registry the name and type up front, so that it can refuse a clash at registration. */
    @Override
    public MetricFamilyDescriptor getMetricFamilyDescriptor() {
        return MetricFamilyDescriptor.histogram(NAME).help(HELP).build();
    }
}
