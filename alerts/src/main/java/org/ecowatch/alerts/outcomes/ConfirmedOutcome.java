package org.ecowatch.alerts.outcomes;

import java.time.Instant;

/**
 * One violation an officer confirmed: the lead whose outcome is {@code CONFIRMED_VIOLATION}.
 *
 * @param openedAt   the lead's {@code openedAt}: when its incident began (event time)
 * @param reportedAt when the officer reported the outcome
 */
public record ConfirmedOutcome(String leadId, String enterpriseId, Instant openedAt, Instant reportedAt) {}
