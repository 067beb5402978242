package io.codara.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

import io.codara.api.storage.Database;
import io.codara.api.storage.PoolStats;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Codara's Prometheus registry: HTTP requests per route, JVM memory and threads, the database pool. */
@Component(service = HttpMetrics.class)
public final class HttpMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram requests;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Database database;

    @Activate
    public HttpMetrics() {
        requests = Histogram.builder()
                .name("http_server_requests_seconds")
                .help("HTTP requests by method, route template and status")
                .labelNames("method", "route", "status")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .classicOnly()
                .register(registry);
        GaugeWithCallback.builder()
                .name("codara_db_pool_connections")
                .help("Database pool connections by state")
                .labelNames("state")
                .callback(callback -> pool().ifPresent(stats -> {
                    callback.call(stats.active(), "active");
                    callback.call(stats.idle(), "idle");
                    callback.call(stats.total(), "total");
                    callback.call(stats.waiting(), "waiting");
                    callback.call(stats.max(), "max");
                }))
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    void record(String method, String route, int status, long nanos) {
        requests.labelValues(method, route, Integer.toString(status)).observe(nanos / 1e9);
    }

    /** The registry in Prometheus' text exposition format 0.0.4. */
    byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        return out.toByteArray();
    }

    private Optional<PoolStats> pool() {
        Database db = database;
        return db == null ? Optional.empty() : Optional.of(db.poolStats());
    }
}
