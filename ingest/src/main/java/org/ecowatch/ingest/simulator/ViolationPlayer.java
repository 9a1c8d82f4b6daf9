package org.ecowatch.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.MetricLimits;

/** Plays {@link ScriptedViolation}s on the values a device is about to report. */
final class ViolationPlayer {
    private final List<ScriptedViolation> script;
    /** The value a frozen counter stands still at, while its violation plays. */
    private final Map<String, Double> frozenCounters = new HashMap<>();

    ViolationPlayer(List<ScriptedViolation> script) {
        this.script = script;
    }

    /**
     * Applies the violations active for this device at {@code sinceStart} to its values and flags; false when
     * the device is to send nothing.
     */
    boolean play(String enterpriseId, Device device, Map<String, MetricLimits> limits, Duration sinceStart, Instant ts,
                 Map<String, Double> values, Map<String, String> flags) {
        for (ScriptedViolation v : script) {
            if (!v.enterpriseId().equals(enterpriseId) || !v.deviceId().equals(device.id())) {
                continue;
            }
            String counterKey = enterpriseId + "/" + device.id() + "/" + v.metric();
            if (!v.activeAt(sinceStart)) {
                frozenCounters.remove(counterKey);
                continue;
            }
            if (v.effect() == ScriptedViolation.Effect.SILENT) {
                return false;
            }
            if (!values.containsKey(v.metric())) {
                continue;
            }
            MetricLimits l = limits.get(v.metric());
            switch (v.effect()) {
                case SHARE_OF_LIMIT -> values.put(v.metric(), round(v.value() * (l != null && l.limit() != null ? l.limit() : 50.0)
                        * (1 + 0.03 * Math.sin(ts.getEpochSecond() / 97.0))));
                case SHARE_OF_RATED_POWER -> values.put(v.metric(), round(v.value() * (device.ratedPower() != null ? device.ratedPower() : 100.0)));
                case CONSTANT -> values.put(v.metric(), v.value());
                case ABOVE_RANGE -> values.put(v.metric(), round(1.2 * (l != null && l.rangeMax() != null ? l.rangeMax() : 1000.0)));
                case MANUAL_FLAG -> flags.put(v.metric(), "S");
                case FROZEN_COUNTER -> values.put(v.metric(), frozenCounters.computeIfAbsent(counterKey, k -> values.get(v.metric())));
                default -> { }
            }
        }
        return true;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
