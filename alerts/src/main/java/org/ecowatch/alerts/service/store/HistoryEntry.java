package org.ecowatch.alerts.service.store;

import java.time.Instant;

/**
 * One line of a lead's full-process record: who did what, when.
 *
 * @param actor   {@code pipeline} for published versions, else the user (officer id or station name)
 * @param action  {@code PUBLISHED}, {@code UPDATED}, {@code ACCEPTED}, {@code OUTCOME_REPORTED} or {@code CLOSED}
 * @param version the lead's version at that moment
 */
public record HistoryEntry(Instant at, String actor, String action, int version, Outcome outcome, String note) {}
