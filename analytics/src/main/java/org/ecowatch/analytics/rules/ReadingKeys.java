package org.ecowatch.analytics.rules;

import org.apache.flink.api.java.functions.KeySelector;
import org.ecowatch.ingest.reading.Reading;

/** The keys the rules partition readings by. */
public final class ReadingKeys {
    private ReadingKeys() {}

    /** {@code enterpriseId/deviceId/metric}: the key of every single-metric rule. */
    public static KeySelector<Reading, String> byDeviceAndMetric() {
        return r -> r.enterpriseId() + "/" + r.deviceId() + "/" + r.metric();
    }

    /** {@code enterpriseId/deviceId}: the key of rules about a whole device (OFFLINE, ZERO_VALUE). */
    public static KeySelector<Reading, String> byDevice() {
        return Reading::deviceKey;
    }

    /** {@code enterpriseId}: the key of the cross-device rules (TREATMENT_OFF, WATER_BALANCE). */
    public static KeySelector<Reading, String> byEnterprise() {
        return Reading::enterpriseId;
    }
}
