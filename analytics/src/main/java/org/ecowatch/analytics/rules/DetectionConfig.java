package org.ecowatch.analytics.rules;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;

/**
 * What every rule needs from the configuration: the registry (device intervals, industries, time zones), the
 * limits and the rule parameters. Shipped inside each rule's function, so it is read once at job start.
 *
 * @param timeZone the pipeline's {@code timeZone}; an enterprise's own zone wins for its calendar days
 */
public record DetectionConfig(Registry registry, Thresholds thresholds, RuleParameters parameters, ZoneId timeZone)
        implements Serializable {

    /** When the registry does not say how often a device reports: a product default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    /** The most specific limits of {@code metric} for this device, if {@code thresholds.yaml} knows the metric. */
    public Optional<MetricLimits> limits(String enterpriseId, String deviceId, String metric) {
        String industry = registry.enterprise(enterpriseId).map(Enterprise::industry).orElse(null);
        return thresholds.effective(metric, industry, enterpriseId, deviceId);
    }

    /** How often the device is expected to report. */
    public Duration interval(String enterpriseId, String deviceId) {
        return registry.device(enterpriseId, deviceId).map(Device::interval).orElse(DEFAULT_INTERVAL);
    }

    /** The zone of the enterprise's calendar days. */
    public ZoneId zone(String enterpriseId) {
        return registry.enterprise(enterpriseId).map(Enterprise::timeZone).orElse(timeZone);
    }
}
