package org.ecowatch.configs;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code thresholds.yaml}: limits per metric with overrides per industry, enterprise and device (the most
 * specific wins), and rule parameters. Rule parameters stay as raw values here; each rule reads its own.
 */
public record Thresholds(
        Map<String, MetricLimits> metrics,
        Map<String, Map<String, MetricLimits>> industries,
        Map<String, Map<String, MetricLimits>> enterprises,
        Map<String, Map<String, MetricLimits>> devices,
        Map<String, Map<String, Object>> rules) implements Serializable {

    /** The anomaly rules of CONTRACT §4: the keys {@code rules} may have. */
    public static final List<String> RULE_NAMES = List.of("EXCEEDANCE", "EARLY_WARNING", "FLATLINE", "ZERO_VALUE",
            "OUT_OF_RANGE", "INSTRUMENT_FLAG", "OFFLINE", "TREATMENT_OFF", "WATER_BALANCE");

    /** The parameters written for {@code rule} in thresholds.yaml; empty when none (the rule's defaults apply). */
    public Map<String, Object> ruleParameters(String rule) {
        return rules.getOrDefault(rule, Map.of());
    }

    /** The unit a reading of {@code metric} must carry, if any is known: meters have fixed units. */
    public Optional<String> unitOf(String metric) {
        String meterUnit = MeterMetrics.UNITS.get(metric);
        if (meterUnit != null) {
            return Optional.of(meterUnit);
        }
        MetricLimits m = metrics.get(metric);
        return m == null ? Optional.empty() : Optional.ofNullable(m.unit());
    }

    /** The effective limits of a metric for one device: device &gt; enterprise &gt; industry &gt; metrics. */
    public Optional<MetricLimits> effective(String metric, String industry, String enterpriseId, String deviceId) {
        MetricLimits base = metrics.get(metric);
        if (base == null) {
            return Optional.empty();
        }
        base = base.overriddenBy(lookup(industries, industry, metric))
                .overriddenBy(lookup(enterprises, enterpriseId, metric))
                // the rules ask for every reading: build the device key only when there are device overrides
                .overriddenBy(devices.isEmpty() ? null : lookup(devices, enterpriseId + "/" + deviceId, metric));
        return Optional.of(base);
    }

    private static MetricLimits lookup(Map<String, Map<String, MetricLimits>> level, String key, String metric) {
        if (key == null) {
            return null;
        }
        Map<String, MetricLimits> perMetric = level.get(key);
        return perMetric == null ? null : perMetric.get(metric);
    }
}
