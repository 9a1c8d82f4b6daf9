package org.ecowatch.alerts.service.store;

import java.time.Instant;
import org.ecowatch.alerts.message.AlertState;

/**
 * One {@code ecowatch.alert/1} message as the lead service received it: the fields it queries on, the enterprise's
 * district (from the registry; alerts do not carry it) and the message itself ({@code json}, without {@code schema}).
 */
public record AlertMessage(
        String alertId,
        AlertState state,
        String rule,
        String severity,
        String enterpriseId,
        String district,
        String deviceId,
        String metric,
        Instant startedAt,
        Instant at,
        String json) {}
