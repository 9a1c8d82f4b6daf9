package org.ecowatch.alerts.service.store;

import java.time.Instant;

/**
 * A stored lead: its newest message from the pipeline and what officers did with it.
 *
 * @param acceptedBy the actor who accepted it, null before
 * @param receivedAt when the service first stored the lead (service clock)
 * @param updatedAt  when anything about it last changed (service clock)
 */
public record LeadRecord(
        LeadMessage message,
        LeadStatus status,
        String acceptedBy,
        Outcome outcome,
        String outcomeNote,
        Instant receivedAt,
        Instant updatedAt) {

    public String leadId() {
        return message.leadId();
    }

    public String district() {
        return message.district();
    }
}
