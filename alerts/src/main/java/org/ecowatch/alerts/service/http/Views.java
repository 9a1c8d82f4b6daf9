package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ecowatch.alerts.service.store.AlertRecord;
import org.ecowatch.alerts.service.store.HistoryEntry;
import org.ecowatch.alerts.service.store.LeadRecord;
import org.ecowatch.alerts.service.store.Page;
import org.ecowatch.alerts.service.store.RuleStatistics;

/**
 * How the API shows what the store keeps (docs/API.md). A lead or an alert is the message as it came from the
 * pipeline (its event times keep the enterprise's offset), plus what the service knows about it.
 */
final class Views {
    private Views() {}

    /**
     * A lead: every field of its newest message, then its handling. {@code overdue}: {@code dueBy} has passed on
     * the service clock ({@code now}) and no outcome is reported yet.
     */
    static ObjectNode lead(LeadRecord lead, Instant now) {
        ObjectNode json = Json.parseObject(lead.message().json());
        json.remove("schema");
        json.put("status", lead.status().name());
        json.put("acceptedBy", lead.acceptedBy());
        json.put("outcome", lead.outcome() == null ? null : lead.outcome().name());
        json.put("outcomeNote", lead.outcomeNote());
        json.put("overdue", lead.outcome() == null && now.isAfter(lead.message().dueBy()));
        json.put("receivedAt", Json.utc(lead.receivedAt()));
        json.put("updatedAt", Json.utc(lead.updatedAt()));
        return json;
    }

    /** An alert: its latest message with the enterprise's district after {@code enterpriseId}, then {@code updatedAt}. */
    static ObjectNode alert(AlertRecord alert) {
        ObjectNode message = Json.parseObject(alert.message().json());
        ObjectNode json = Json.object();
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            if (!field.getKey().equals("schema") && !field.getKey().equals("district")) {
                json.set(field.getKey(), field.getValue());
            }
            if (field.getKey().equals("enterpriseId")) {
                json.put("district", alert.message().district());
            }
        }
        json.put("updatedAt", Json.utc(alert.updatedAt()));
        return json;
    }

    /** An alert a lead names that the service has not received yet. */
    static ObjectNode missingAlert(String alertId) {
        ObjectNode json = Json.object();
        json.put("alertId", alertId);
        json.putNull("state");
        return json;
    }

    static ObjectNode history(HistoryEntry entry) {
        ObjectNode json = Json.object();
        json.put("at", Json.utc(entry.at()));
        json.put("actor", entry.actor());
        json.put("action", entry.action());
        json.put("version", entry.version());
        json.put("outcome", entry.outcome() == null ? null : entry.outcome().name());
        json.put("note", entry.note());
        return json;
    }

    /** One lead with its alerts (in the lead's order, missing ones as {@link #missingAlert}) and history. */
    static ObjectNode leadDetail(LeadRecord lead, Map<String, AlertRecord> alertsById, List<HistoryEntry> history,
            Instant now) {
        ObjectNode json = Json.object();
        json.set("lead", lead(lead, now));
        ArrayNode alerts = json.putArray("alerts");
        for (String alertId : lead.message().alertIds()) {
            AlertRecord alert = alertsById.get(alertId);
            alerts.add(alert == null ? missingAlert(alertId) : alert(alert));
        }
        ArrayNode entries = json.putArray("history");
        history.forEach(entry -> entries.add(history(entry)));
        return json;
    }

    /** {@code {"total", "limit", "offset", <name>: [...]}}. */
    static <T> ObjectNode page(String name, Page<T> page, int limit, int offset, Function<T, JsonNode> view) {
        ObjectNode json = Json.object();
        json.put("total", page.total());
        json.put("limit", limit);
        json.put("offset", offset);
        json.set(name, array(page.items(), view));
        return json;
    }

    static <T> ArrayNode array(Collection<T> items, Function<T, JsonNode> view) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        items.forEach(item -> array.add(view.apply(item)));
        return array;
    }

    static ObjectNode ruleStatistics(RuleStatistics statistics) {
        ObjectNode json = Json.object();
        json.put("rule", statistics.rule());
        json.put("alerts", statistics.alerts());
        json.put("leads", statistics.leads());
        json.put("withOutcome", statistics.withOutcome());
        json.put("confirmed", statistics.confirmed());
        json.put("precision", statistics.precision());
        return json;
    }
}
