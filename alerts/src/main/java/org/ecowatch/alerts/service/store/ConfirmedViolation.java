package org.ecowatch.alerts.service.store;

import java.time.Instant;

/** A lead whose outcome is {@code CONFIRMED_VIOLATION}: what makes the enterprise's next lead a repeat. */
public record ConfirmedViolation(String leadId, String enterpriseId, Instant openedAt, Instant reportedAt) {}
