package org.ecowatch.alerts.service.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import org.ecowatch.alerts.service.store.AlertQuery;
import org.ecowatch.alerts.service.store.AlertRecord;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.alerts.service.store.Page;
import org.ecowatch.configs.Thresholds;

/** {@code /api/alerts}: the alerts' latest states, open ones by default. */
final class AlertRoutes {
    private final LeadStore store;
    private final Districts districts;

    AlertRoutes(LeadStore store, Districts districts) {
        this.store = store;
        this.districts = districts;
    }

    void addTo(JavalinDefaultRouting router) {
        router.get("/api/alerts", this::list);
    }

    private void list(Context ctx) {
        Params params = Params.of(ctx, "district", "enterprise", "rule", "state", "limit", "offset");
        String district = Access.district(Access.principal(ctx), params.oneOf("district", districts.ids()));
        boolean openOnly = params.oneOf("state", List.of("open", "all")).orElse("open").equals("open");
        int limit = params.limit();
        int offset = params.offset();
        Page<AlertRecord> page = store.alerts(new AlertQuery(district, params.single("enterprise").orElse(null),
                params.oneOf("rule", Thresholds.RULE_NAMES).orElse(null), openOnly, limit, offset));
        Json.send(ctx, Views.page("alerts", page, limit, offset, Views::alert));
    }
}
