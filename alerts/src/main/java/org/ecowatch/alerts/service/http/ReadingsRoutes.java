package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.ecowatch.alerts.service.readings.InvalidReadingsQuery;
import org.ecowatch.alerts.service.readings.Readings;
import org.ecowatch.alerts.service.readings.ReadingsUnavailable;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.Registry;

/**
 * {@code /api/readings} (one device's metric over a range, with its limit) and {@code /api/readings/latest} (the
 * last reading of every device and metric of an enterprise), read from the readings store for the console's charts.
 */
final class ReadingsRoutes {
    private final Readings readings;
    private final Registry registry;

    /** @param readings null when the service was started without a readings store: the routes answer 503 */
    ReadingsRoutes(Readings readings, Registry registry) {
        this.readings = readings;
        this.registry = registry;
    }

    void addTo(JavalinDefaultRouting router) {
        router.get("/api/readings", this::series);
        router.get("/api/readings/latest", this::latest);
        router.exception(InvalidReadingsQuery.class, (e, ctx) -> ErrorHandling.respond(ctx, e.notFound() ? 404 : 400,
                e.notFound() ? "not-found" : "invalid-parameter", e.getMessage(), e.notFound() ? null : e.field()));
        router.exception(ReadingsUnavailable.class,
                (e, ctx) -> ErrorHandling.respond(ctx, 503, "unavailable", e.getMessage(), null));
    }

    private void series(Context ctx) {
        Params params = Params.of(ctx, "enterprise", "device", "metric", "from", "to");
        Enterprise enterprise = visibleEnterprise(ctx, params);
        String device = params.single("device")
                .orElseThrow(() -> ApiError.invalidParameter("device", "device is required"));
        String metric = params.single("metric")
                .orElseThrow(() -> ApiError.invalidParameter("metric", "metric is required"));
        Params.TimeRange range = params.timeRange();
        if (range.from() == null || range.to() == null) {
            throw ApiError.invalidParameter(range.from() == null ? "from" : "to", "from and to are required");
        }
        Readings.Series series = available().series(enterprise.id(), device, metric, range.from(), range.to());
        ObjectNode json = Json.object();
        json.put("enterpriseId", series.enterpriseId());
        json.put("deviceId", series.deviceId());
        json.put("metric", series.metric());
        json.put("unit", series.unit());
        json.put("limit", series.limit());
        json.put("from", time(series.from()));
        json.put("to", time(series.to()));
        json.put("sampledBy", series.sampledBy() == null ? null : series.sampledBy().toString());
        json.set("points", Views.array(series.points(), point -> {
            ObjectNode p = Json.object();
            p.put("ts", time(point.ts()));
            p.put("value", point.value());
            if (point.flag() != null) {
                p.put("flag", point.flag());
            } else {
                p.put("min", point.min());
                p.put("max", point.max());
            }
            return p;
        }));
        Json.send(ctx, json);
    }

    private void latest(Context ctx) {
        Params params = Params.of(ctx, "enterprise");
        Enterprise enterprise = visibleEnterprise(ctx, params);
        ObjectNode json = Json.object();
        json.set("readings", Views.array(available().latest(enterprise.id()), reading -> {
            ObjectNode r = Json.object();
            r.put("deviceId", reading.deviceId());
            r.put("metric", reading.metric());
            r.put("unit", reading.unit());
            r.put("ts", time(reading.ts()));
            r.put("value", reading.value());
            r.put("flag", reading.flag());
            return r;
        }));
        Json.send(ctx, json);
    }

    /** The enterprise the query names, if the registry knows it and the caller may see its district. */
    private Enterprise visibleEnterprise(Context ctx, Params params) {
        String enterpriseId = params.single("enterprise")
                .orElseThrow(() -> ApiError.invalidParameter("enterprise", "enterprise is required"));
        Enterprise enterprise = registry.enterprise(enterpriseId)
                .orElseThrow(() -> ApiError.notFound("no enterprise " + enterpriseId + " in the registry"));
        Access.requireDistrict(Access.principal(ctx), enterprise.district());
        return enterprise;
    }

    /** {@code 2026-11-27T08:00:00+08:00}, seconds always written, as in the lead and alert messages. */
    private static String time(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    private Readings available() {
        if (readings == null) {
            throw ApiError.unavailable("this lead service was started without a readings store");
        }
        return readings;
    }
}
