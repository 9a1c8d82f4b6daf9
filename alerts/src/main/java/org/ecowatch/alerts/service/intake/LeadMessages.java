package org.ecowatch.alerts.service.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.leads.LeadJson;
import org.ecowatch.alerts.service.store.LeadMessage;

/** {@code ecowatch.lead/1} payloads (CONTRACT §5) into {@link LeadMessage}s. */
final class LeadMessages {
    private LeadMessages() {}

    static LeadMessage parse(byte[] payload) throws InvalidMessage {
        MessageFields fields = MessageFields.parse(payload, LeadJson.SCHEMA);
        fields.oneOf("action", Lead.Action.class);
        fields.text("summary");
        return new LeadMessage(
                fields.text("leadId"),
                fields.positiveInt("version"),
                fields.text("enterpriseId"),
                fields.text("district"),
                fields.oneOf("priority", Lead.Priority.class),
                fields.text("category"),
                fields.time("openedAt"),
                fields.time("dueBy"),
                alertIds(fields.node("alerts")),
                fields.withoutSchema());
    }

    private static List<String> alertIds(JsonNode alerts) throws InvalidMessage {
        if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
            throw new InvalidMessage("alerts is missing or not a non-empty array of alert ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : alerts) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw new InvalidMessage("alerts holds " + id + ", not an alert id");
            }
            ids.add(id.asText());
        }
        return ids;
    }
}
