package org.ecowatch.configs;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A monitoring device. {@code metrics} is never null: meters without an explicit list get their kind's
 * {@link Kind#defaultMetrics()}. {@code mn}, {@code hj212Password}, {@code role}, {@code runningAbove}
 * and {@code ratedPower} may be null.
 */
public record Device(
        String id,
        Kind kind,
        List<String> metrics,
        Duration interval,
        String mn,
        String hj212Password,
        boolean hj212ModbusCrc,
        Role role,
        Double runningAbove,
        Double ratedPower) implements Serializable {

    public enum Kind {
        WASTEWATER_OUTLET,
        FLUE_GAS_OUTLET,
        POWER_METER,
        WATER_METER;

        /** The metrics a device of this kind reports when its configuration lists none. */
        public List<String> defaultMetrics() {
            return switch (this) {
                case POWER_METER -> List.of(MeterMetrics.POWER_ACTIVE, MeterMetrics.POWER_ENERGY, MeterMetrics.POWER_CURRENT);
                case WATER_METER -> List.of(MeterMetrics.WATER_FLOW, MeterMetrics.WATER_VOLUME);
                default -> List.of();
            };
        }

        public boolean isMeter() {
            return this == POWER_METER || this == WATER_METER;
        }
    }

    /** POWER_METER: PRODUCTION | TREATMENT; WATER_METER: INTAKE | DISCHARGE. */
    public enum Role { PRODUCTION, TREATMENT, INTAKE, DISCHARGE }

    public boolean declares(String metric) {
        return metrics.contains(metric);
    }
}
