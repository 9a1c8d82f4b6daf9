package org.ecowatch.alerts.service.store;

import java.time.Instant;
import org.ecowatch.alerts.message.AlertState;

/**
 * One state change an alert went through, as received: late ones included, duplicates once.
 *
 * @param at         the change's event time
 * @param receivedAt when the service first stored it (service clock)
 */
public record AlertChange(AlertState state, String severity, Instant at, Instant receivedAt) {}
