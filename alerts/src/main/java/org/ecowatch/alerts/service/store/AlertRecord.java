package org.ecowatch.alerts.service.store;

import java.time.Instant;

/** A stored alert: its latest state change, and when the service stored it (service clock). */
public record AlertRecord(AlertMessage message, Instant updatedAt) {

    public String alertId() {
        return message.alertId();
    }
}
