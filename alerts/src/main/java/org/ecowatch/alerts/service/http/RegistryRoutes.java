package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.ecowatch.alerts.service.auth.Principal;
import org.ecowatch.alerts.service.store.AlertQuery;
import org.ecowatch.alerts.service.store.AlertRecord;
import org.ecowatch.alerts.service.store.LeadQuery;
import org.ecowatch.alerts.service.store.LeadRecord;
import org.ecowatch.alerts.service.store.LeadStatus;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.alerts.service.store.Page;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;

/**
 * The registry as the console needs it: {@code /api/devices} (with their online state from open OFFLINE alerts),
 * {@code /api/enterprises} (with limits, open alerts and open leads) and {@code /api/districts}.
 */
final class RegistryRoutes {
    /** The store is read in pages of this size when every matching row is needed. */
    private static final int PAGE = 500;
    private static final Set<LeadStatus> NOT_CLOSED =
            Set.of(LeadStatus.NEW, LeadStatus.ACCEPTED, LeadStatus.OUTCOME_REPORTED);

    private final LeadStore store;
    private final Registry registry;
    private final Thresholds thresholds;
    private final Districts districts;

    RegistryRoutes(LeadStore store, Registry registry, Thresholds thresholds, Districts districts) {
        this.store = store;
        this.registry = registry;
        this.thresholds = thresholds;
        this.districts = districts;
    }

    void addTo(JavalinDefaultRouting router) {
        router.get("/api/devices", this::devices);
        router.get("/api/enterprises", this::enterprises);
        router.get("/api/enterprises/{enterpriseId}", this::enterprise);
        router.get("/api/districts", this::districts);
    }

    private void devices(Context ctx) {
        Params params = Params.of(ctx, "district", "enterprise");
        String district = Access.district(Access.principal(ctx), params.oneOf("district", districts.ids()));
        String enterpriseId = params.single("enterprise").orElse(null);
        Map<String, AlertRecord> offline = new HashMap<>();
        for (AlertRecord alert : all(offset -> store.alerts(
                new AlertQuery(district, enterpriseId, "OFFLINE", true, PAGE, offset)))) {
            // One open OFFLINE alert per device is the rule; should there be more, the earliest says since when.
            offline.merge(alert.message().enterpriseId() + "/" + alert.message().deviceId(), alert,
                    (a, b) -> a.message().startedAt().isAfter(b.message().startedAt()) ? b : a);
        }
        ArrayNode devices = Json.MAPPER.createArrayNode();
        for (Enterprise enterprise : enterprises(district, enterpriseId)) {
            for (Device device : enterprise.devices()) {
                AlertRecord alert = offline.get(enterprise.id() + "/" + device.id());
                ObjectNode json = devices.addObject();
                json.put("enterpriseId", enterprise.id());
                json.put("deviceId", device.id());
                json.put("kind", device.kind().name());
                json.put("district", enterprise.district());
                json.put("online", alert == null);
                json.set("offlineSince", alert == null ? null : Json.parseObject(alert.message().json()).get("startedAt"));
                json.put("alertId", alert == null ? null : alert.alertId());
            }
        }
        ObjectNode json = Json.object();
        json.set("devices", devices);
        Json.send(ctx, json);
    }

    private void enterprises(Context ctx) {
        Params params = Params.of(ctx, "district");
        String district = Access.district(Access.principal(ctx), params.oneOf("district", districts.ids()));
        OpenWork open = openWork(district, null);
        ObjectNode json = Json.object();
        json.set("enterprises", Views.array(enterprises(district, null), e -> enterprise(e, open)));
        Json.send(ctx, json);
    }

    private void enterprise(Context ctx) {
        Params.of(ctx);
        String enterpriseId = ctx.pathParam("enterpriseId");
        Enterprise enterprise = registry.enterprise(enterpriseId)
                .orElseThrow(() -> ApiError.notFound("no enterprise " + enterpriseId + " in the registry"));
        Access.requireDistrict(Access.principal(ctx), enterprise.district());
        Json.send(ctx, enterprise(enterprise, openWork(null, enterpriseId)));
    }

    private void districts(Context ctx) {
        Params.of(ctx);
        Principal principal = Access.principal(ctx);
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (District district : registry.districts()) {
            if (!principal.mayAccess(district.id())) {
                continue;
            }
            ObjectNode json = list.addObject();
            json.put("id", district.id());
            json.put("name", district.name());
            ArrayNode officers = json.putArray("officers");
            for (District.Officer officer : district.officers()) {
                officers.addObject().put("id", officer.id()).put("name", officer.name());
            }
        }
        ObjectNode json = Json.object();
        json.set("districts", list);
        Json.send(ctx, json);
    }

    private List<Enterprise> enterprises(String district, String enterpriseId) {
        return registry.enterprises().stream()
                .filter(e -> district == null || district.equals(e.district()))
                .filter(e -> enterpriseId == null || enterpriseId.equals(e.id()))
                .toList();
    }

    private ObjectNode enterprise(Enterprise enterprise, OpenWork open) {
        ObjectNode json = Json.object();
        json.put("id", enterprise.id());
        json.put("name", enterprise.name());
        ObjectNode district = json.putObject("district");
        district.put("id", enterprise.district());
        district.put("name", registry.districts().stream().filter(d -> d.id().equals(enterprise.district()))
                .map(District::name).findFirst().orElse(enterprise.district()));
        json.put("industry", enterprise.industry());
        json.put("supervision", enterprise.supervision().name());
        json.put("positiveList", enterprise.positiveList());
        json.put("address", enterprise.address());
        json.put("contact", enterprise.contact());
        ArrayNode devices = json.putArray("devices");
        for (Device device : enterprise.devices()) {
            ObjectNode d = devices.addObject();
            d.put("id", device.id());
            d.put("kind", device.kind().name());
            d.put("role", device.role() == null ? null : device.role().name());
            d.put("interval", device.interval() == null ? null : device.interval().toString());
            ArrayNode metrics = d.putArray("metrics");
            for (String metric : device.metrics()) {
                Optional<MetricLimits> limits =
                        thresholds.effective(metric, enterprise.industry(), enterprise.id(), device.id());
                ObjectNode m = metrics.addObject();
                m.put("metric", metric);
                m.put("unit", limits.map(MetricLimits::unit).or(() -> thresholds.unitOf(metric)).orElse(null));
                m.put("limit", limits.map(MetricLimits::limit).orElse(null));
            }
        }
        ObjectNode alerts = json.putObject("openAlerts");
        Map<String, Long> bySeverity = open.alertsBySeverity().getOrDefault(enterprise.id(), Map.of());
        for (Severity severity : Severity.values()) {
            alerts.put(severity.name(), bySeverity.getOrDefault(severity.name(), 0L));
        }
        json.put("openLeads", open.leads().getOrDefault(enterprise.id(), 0L));
        return json;
    }

    /** Open alerts by enterprise and severity, and leads not closed by enterprise. */
    private OpenWork openWork(String district, String enterpriseId) {
        Map<String, Map<String, Long>> alerts = new HashMap<>();
        for (AlertRecord alert : all(offset -> store.alerts(
                new AlertQuery(district, enterpriseId, null, true, PAGE, offset)))) {
            alerts.computeIfAbsent(alert.message().enterpriseId(), e -> new HashMap<>())
                    .merge(alert.message().severity(), 1L, Long::sum);
        }
        Map<String, Long> leads = new HashMap<>();
        for (LeadRecord lead : all(offset -> store.leads(
                new LeadQuery(district, NOT_CLOSED, null, enterpriseId, null, null, PAGE, offset)))) {
            leads.merge(lead.message().enterpriseId(), 1L, Long::sum);
        }
        return new OpenWork(alerts, leads);
    }

    private record OpenWork(Map<String, Map<String, Long>> alertsBySeverity, Map<String, Long> leads) {}

    /** Every row of a paged query. */
    private static <T> List<T> all(IntFunction<Page<T>> query) {
        List<T> rows = new ArrayList<>();
        while (true) {
            Page<T> page = query.apply(rows.size());
            rows.addAll(page.items());
            if (page.items().isEmpty() || rows.size() >= page.total()) {
                return rows;
            }
        }
    }
}
