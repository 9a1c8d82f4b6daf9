package org.ecowatch.ingest.simulator;

import java.time.Duration;

/**
 * A violation the simulator plays at a known time, so that the pipeline's detection can be watched (and
 * tested) firing: from {@code start} after the simulation began, for {@code duration}, the device behaves as
 * {@code effect} says.
 *
 * @param metric the metric affected; null for effects on the whole device ({@link Effect#SILENT})
 * @param value  the effect's parameter: a share of the limit, of the rated power, a constant, or unused
 */
public record ScriptedViolation(String enterpriseId, String deviceId, String metric, Duration start, Duration duration,
                                Effect effect, double value, String description) {

    public enum Effect {
        /** The value is {@code value} × the metric's effective limit (an exceedance when above 1). */
        SHARE_OF_LIMIT,
        /** The value is {@code value} × the device's rated power (power meters). */
        SHARE_OF_RATED_POWER,
        /** The value stays exactly {@code value}: a frozen, "constant" instrument. */
        CONSTANT,
        /** The value is 1.2 × the top of the instrument range. */
        ABOVE_RANGE,
        /** The readings are flagged S: a value typed in by hand instead of measured. */
        MANUAL_FLAG,
        /** A cumulative counter stops growing (a meter with no flow). */
        FROZEN_COUNTER,
        /** The device sends nothing. */
        SILENT
    }

    public boolean activeAt(Duration sinceStart) {
        return sinceStart.compareTo(start) >= 0 && sinceStart.compareTo(start.plus(duration)) < 0;
    }
}
