package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.function.BooleanSupplier;
import org.ecowatch.alerts.service.auth.Principal;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /health} (no token), {@code /metrics} (station) and {@code /api/me}. */
final class OperationRoutes {
    static final String HEALTH = "/health";
    private static final Logger LOG = LoggerFactory.getLogger(OperationRoutes.class);

    private final LeadStore store;
    private final BooleanSupplier brokerConnected;
    private final ApiMetrics metrics;
    private final Registry registry;

    OperationRoutes(LeadStore store, BooleanSupplier brokerConnected, ApiMetrics metrics, Registry registry) {
        this.store = store;
        this.brokerConnected = brokerConnected;
        this.metrics = metrics;
        this.registry = registry;
    }

    void addTo(JavalinDefaultRouting router) {
        router.get(HEALTH, this::health);
        router.get("/metrics", this::metrics);
        router.get("/api/me", this::me);
    }

    /** UP when the store answers and the MQTT subscription is connected; it reveals nothing else. */
    private void health(Context ctx) {
        boolean storeUp = check("lead store", store::healthy);
        boolean brokerUp = check("broker", brokerConnected);
        ObjectNode json = Json.object();
        json.put("status", storeUp && brokerUp ? "UP" : "DOWN");
        ObjectNode checks = json.putObject("checks");
        checks.put("leadStore", storeUp ? "UP" : "DOWN");
        checks.put("broker", brokerUp ? "UP" : "DOWN");
        ctx.status(storeUp && brokerUp ? 200 : 503);
        Json.send(ctx, json);
    }

    private void metrics(Context ctx) {
        Params.of(ctx);
        Access.requireStation(Access.principal(ctx));
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private void me(Context ctx) {
        Params.of(ctx);
        Principal principal = Access.principal(ctx);
        ObjectNode json = Json.object();
        json.put("name", principal.name());
        json.put("role", principal.role().id());
        json.put("district", principal.district());
        json.put("displayName", displayName(principal));
        Json.send(ctx, json);
    }

    /** An officer's name from the registry; the station's name is its token's. */
    private String displayName(Principal principal) {
        if (principal.isStation()) {
            return principal.name();
        }
        return registry.districts().stream().flatMap(d -> d.officers().stream())
                .filter(o -> o.id().equals(principal.name()))
                .map(District.Officer::name).findFirst().orElse(principal.name());
    }

    private static boolean check(String what, BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("health: the {} check failed: {}", what, e.toString());
            return false;
        }
    }
}
