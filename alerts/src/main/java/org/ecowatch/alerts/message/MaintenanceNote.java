package org.ecowatch.alerts.message;

/**
 * A registry maintenance window that an alert episode touches, named on the alert (the optional {@code maintenance}
 * field of {@code ecowatch.alert/1}). Times are epoch ms.
 *
 * @param device {@code enterpriseId/deviceId}
 */
public record MaintenanceNote(String device, long from, long to, String reason) {}
