package org.ecowatch.alerts.leads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.ecowatch.alerts.message.AlertJson;
import org.ecowatch.analytics.anomaly.Evidence;

/**
 * The {@code ecowatch.lead/1} JSON form of a lead (CONTRACT §5), every field in the contract's order, plus one
 * optional field: {@code repeat}. Times are ISO-8601 with the offset of the lead's zone (the enterprise's), as in
 * alerts; {@code Z} (UTC) when the lead has no zone.
 */
public final class LeadJson {
    public static final String SCHEMA = "ecowatch.lead/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LeadJson() {}

    public static ObjectNode toJson(Lead lead) {
        ZoneId zone = lead.zone() == null ? ZoneOffset.UTC : ZoneId.of(lead.zone());
        ObjectNode json = MAPPER.createObjectNode();
        json.put("schema", SCHEMA);
        json.put("leadId", lead.leadId());
        json.put("version", lead.version());
        json.put("enterpriseId", lead.enterpriseId());
        json.put("enterpriseName", lead.enterpriseName());
        json.put("district", lead.district());
        json.put("priority", lead.priority().name());
        json.put("action", lead.action().name());
        json.put("category", lead.category());
        json.put("openedAt", AlertJson.time(lead.openedAt(), zone));
        json.put("dueBy", AlertJson.time(lead.dueBy(), zone));
        ArrayNode alerts = json.putArray("alerts");
        lead.alerts().forEach(alerts::add);
        ArrayNode evidence = json.putArray("evidence");
        for (Evidence e : lead.evidence()) {
            ObjectNode item = evidence.addObject();
            item.put("deviceId", e.deviceId());
            item.put("metric", e.metric());
            item.put("ts", AlertJson.time(e.ts(), zone));
            item.put("value", e.value());
            item.put("flag", e.flag());
        }
        json.put("summary", lead.summary());
        json.put("repeat", lead.repeat());
        return json;
    }

    public static byte[] toBytes(Lead lead) {
        try {
            return MAPPER.writeValueAsBytes(toJson(lead));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lead could not be written as JSON", e);
        }
    }
}
