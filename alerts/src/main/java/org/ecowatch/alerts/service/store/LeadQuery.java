package org.ecowatch.alerts.service.store;

import java.time.Instant;
import java.util.Set;
import org.ecowatch.alerts.leads.Lead;

/** A filter on leads; null or empty fields do not filter. {@code from}/{@code to} bound {@code openedAt}: [from, to). */
public record LeadQuery(
        String district,
        Set<LeadStatus> statuses,
        Set<Lead.Priority> priorities,
        String enterpriseId,
        Instant from,
        Instant to,
        int limit,
        int offset) {

    public LeadQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
    }
}
