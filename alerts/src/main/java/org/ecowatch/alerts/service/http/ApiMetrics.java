package org.ecowatch.alerts.service.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.ecowatch.alerts.service.store.LeadStatus;
import org.ecowatch.alerts.service.store.LeadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Prometheus metrics: HTTP requests by route template and status, SSE clients, leads by status, the
 * JVM's memory and threads; the MQTT intake adds its counters to the same {@link #registry()}.
 */
final class ApiMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(ApiMetrics.class);
    static final String PREFIX = "ecowatch.leadservice.";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LeadStore store;
    /** Refreshed from the store at each scrape: one query for all four gauges. */
    private final Map<LeadStatus, Long> leadsByStatus = new ConcurrentHashMap<>();

    ApiMetrics(LeadStore store) {
        this.store = store;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        for (LeadStatus status : LeadStatus.values()) {
            Gauge.builder(PREFIX + "leads", leadsByStatus, m -> m.getOrDefault(status, 0L))
                    .description("Leads in the store by status").tag("status", status.name())
                    .register(registry);
        }
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    void sseClients(IntSupplier clients) {
        Gauge.builder(PREFIX + "sse.clients", clients::getAsInt)
                .description("Clients connected to /api/events").register(registry);
    }

    /** A request log hook: times every request under its route template (not its path: ids would explode). */
    void recordRequest(Context ctx, float millis) {
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (IllegalStateException e) {
            route = "unmatched"; // no route (404): the path is not a label
        }
        Timer.builder(PREFIX + "http.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", ctx.method().name()).tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    /** The Prometheus text, with the lead counts read from the store just before. */
    String scrape() {
        try {
            Map<LeadStatus, Long> counts = new EnumMap<>(LeadStatus.class);
            counts.putAll(store.leadCountsByStatus());
            leadsByStatus.putAll(counts);
        } catch (RuntimeException e) {
            LOG.warn("leads by status not refreshed: {}", e.toString()); // the other series still answer
        }
        return registry.scrape();
    }
}
