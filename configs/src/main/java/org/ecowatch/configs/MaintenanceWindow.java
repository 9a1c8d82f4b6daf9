package org.ecowatch.configs;

import java.io.Serializable;
import java.time.Instant;

/** A registry maintenance window; {@code device} is {@code enterpriseId/deviceId}. */
public record MaintenanceWindow(String device, Instant from, Instant to, String reason) implements Serializable {

    public boolean covers(String deviceKey, Instant at) {
        return device.equals(deviceKey) && !at.isBefore(from) && at.isBefore(to);
    }
}
