package org.ecowatch.ingest.reading;

/**
 * One validated measurement, the unit every later stage works on.
 *
 * @param ts           the reading's own time (event time), epoch milliseconds
 * @param flag         HJ 212 data flag: N F M S D C T B
 * @param kind         {@code Rtd} (real-time / instantaneous), or for HJ 212 period data {@code Avg}, {@code Min}, {@code Max}, {@code Cou}
 * @param periodMillis the averaging period of period data (minute, hour, day), 0 for real-time values
 */
public record Reading(
        String enterpriseId,
        String deviceId,
        String metric,
        long ts,
        double value,
        String flag,
        String kind,
        long periodMillis) {

    public static final String REAL_TIME = "Rtd";

    public static Reading realTime(String enterpriseId, String deviceId, String metric, long ts, double value, String flag) {
        return new Reading(enterpriseId, deviceId, metric, ts, value, flag, REAL_TIME, 0L);
    }

    /** {@code enterpriseId/deviceId}, the form device references take in configuration. */
    public String deviceKey() {
        return enterpriseId + "/" + deviceId;
    }
}
