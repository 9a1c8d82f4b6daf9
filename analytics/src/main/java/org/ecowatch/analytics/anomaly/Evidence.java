package org.ecowatch.analytics.anomaly;

import org.ecowatch.ingest.reading.Reading;

/** One reading that backs an anomaly, in the shape of CONTRACT §4's {@code evidence} items (ts in epoch ms). */
public record Evidence(String deviceId, String metric, long ts, double value, String flag) {

    public static Evidence of(Reading r) {
        return new Evidence(r.deviceId(), r.metric(), r.ts(), r.value(), r.flag());
    }
}
