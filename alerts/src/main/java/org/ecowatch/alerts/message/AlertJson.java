package org.ecowatch.alerts.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.ecowatch.analytics.anomaly.Evidence;

/**
 * The {@code ecowatch.alert/1} JSON form of an alert (CONTRACT §4), plus two optional fields: {@code flapping} and
 * {@code maintenance}. Times are ISO-8601 with the offset of the alert's zone (the enterprise's), so an officer reads
 * local time and a machine still gets an exact instant; {@code Z} (UTC) when the alert has no zone.
 */
public final class AlertJson {
    public static final String SCHEMA = "ecowatch.alert/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    public static ObjectNode toJson(Alert alert) {
        ZoneId zone = alert.zone() == null ? ZoneOffset.UTC : ZoneId.of(alert.zone());
        ObjectNode json = MAPPER.createObjectNode();
        json.put("schema", SCHEMA);
        json.put("alertId", alert.alertId());
        json.put("state", alert.state().name());
        json.put("rule", alert.rule());
        json.put("severity", alert.severity().name());
        json.put("enterpriseId", alert.enterpriseId());
        json.put("deviceId", alert.deviceId());
        json.put("metric", alert.metric());
        json.put("startedAt", time(alert.startedAt(), zone));
        json.put("at", time(alert.at(), zone));
        if (Double.isFinite(alert.observed())) {
            json.put("observed", alert.observed());
        } else {
            json.putNull("observed");
        }
        json.put("limit", alert.limit());
        json.put("window", alert.window());
        ArrayNode evidence = json.putArray("evidence");
        for (Evidence e : alert.evidence()) {
            ObjectNode item = evidence.addObject();
            item.put("deviceId", e.deviceId());
            item.put("metric", e.metric());
            item.put("ts", time(e.ts(), zone));
            item.put("value", e.value());
            item.put("flag", e.flag());
        }
        json.put("message", alert.message());
        json.put("flapping", alert.flapping());
        ArrayNode maintenance = json.putArray("maintenance");
        for (MaintenanceNote m : alert.maintenance()) {
            ObjectNode item = maintenance.addObject();
            item.put("device", m.device());
            item.put("from", time(m.from(), zone));
            item.put("to", time(m.to(), zone));
            item.put("reason", m.reason());
        }
        return json;
    }

    public static byte[] toBytes(Alert alert) {
        try {
            return MAPPER.writeValueAsBytes(toJson(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert could not be written as JSON", e);
        }
    }

    /** ISO-8601 with the zone's offset at that instant, e.g. {@code 2026-11-27T09:00:00+08:00}. */
    public static String time(long epochMillis, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }
}
