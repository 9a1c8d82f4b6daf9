package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import org.ecowatch.alerts.service.store.LeadStore;

/** {@code /api/statistics/rules}: how each rule fares with officers (alerts, leads, outcomes, precision). */
final class StatisticsRoutes {
    private final LeadStore store;
    private final Districts districts;

    StatisticsRoutes(LeadStore store, Districts districts) {
        this.store = store;
        this.districts = districts;
    }

    void addTo(JavalinDefaultRouting router) {
        router.get("/api/statistics/rules", this::rules);
    }

    private void rules(Context ctx) {
        Params params = Params.of(ctx, "district", "from", "to");
        String district = Access.district(Access.principal(ctx), params.oneOf("district", districts.ids()));
        Params.TimeRange range = params.timeRange();
        ObjectNode json = Json.object();
        json.set("rules", Views.array(store.ruleStatistics(district, range.from(), range.to()),
                Views::ruleStatistics));
        Json.send(ctx, json);
    }
}
