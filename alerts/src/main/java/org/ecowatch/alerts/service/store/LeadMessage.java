package org.ecowatch.alerts.service.store;

import java.time.Instant;
import java.util.List;
import org.ecowatch.alerts.leads.Lead;

/**
 * One {@code ecowatch.lead/1} message as the lead service received it: the fields it queries on, and the message
 * itself ({@code json}, without {@code schema}) which the API shows as it came, offsets and all.
 */
public record LeadMessage(
        String leadId,
        int version,
        String enterpriseId,
        String district,
        Lead.Priority priority,
        String category,
        Instant openedAt,
        Instant dueBy,
        List<String> alertIds,
        String json) {

    public LeadMessage {
        alertIds = List.copyOf(alertIds);
    }
}
