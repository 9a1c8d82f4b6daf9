package org.ecowatch.alerts.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.MaintenanceWindow;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;

/**
 * A paper mill whose wastewater outlet has a maintenance window 10:00–12:00 China time, and condition signals as
 * the rules emit them (COD exceedance, a flat-lined COD analyser, an out-of-range reading).
 */
final class Signals {
    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    static final String MILL = "ent-001", OUTLET = "ww-01", COD = "w01018";
    static final long MINUTE = 60_000, HOUR = 3_600_000;
    /** 2026-11-27 09:00 China time. */
    static final long NINE = Instant.parse("2026-11-27T01:00:00Z").toEpochMilli();
    static final long TEN = NINE + HOUR, NOON = NINE + 3 * HOUR;
    /** 14:00, well after the maintenance window. */
    static final long TWO_PM = NINE + 5 * HOUR;
    static final MaintenanceWindow CALIBRATION = new MaintenanceWindow(MILL + "/" + OUTLET, Instant.ofEpochMilli(TEN),
            Instant.ofEpochMilli(NOON), "年度比对监测");

    private Signals() {}

    static DetectionConfig config() {
        Device outlet = new Device(OUTLET, Device.Kind.WASTEWATER_OUTLET, List.of(COD), Duration.ofSeconds(30), null, null,
                false, null, null, null);
        Enterprise mill = new Enterprise(MILL, "某造纸有限公司", "north", "paper", Enterprise.Supervision.KEY, false, null,
                null, null, List.of(outlet));
        Registry registry = new Registry(List.of(new District("north", "北片区", List.of())), List.of(mill),
                List.of(CALIBRATION));
        Thresholds thresholds = new Thresholds(Map.of(COD, new MetricLimits("mg/L", 100.0, Duration.ofHours(1), 0.0, 1000.0)),
                Map.of(), Map.of(), Map.of(), Map.of());
        return new DetectionConfig(registry, thresholds, RuleParameters.defaults(), CST);
    }

    /** An hourly COD average above the limit, judged at {@code at} for the hour before it. */
    static Anomaly exceeds(long at, Severity severity, double average) {
        return new Anomaly("EXCEEDANCE", MILL, OUTLET, COD, at, at - HOUR, true, severity, average, 100.0, HOUR,
                "w01018 hourly average " + average + " mg/L is above the limit 100", evidence(at - HOUR, average));
    }

    /** An exceedance that began at {@code since} and is still going (the rules keep the episode's since). */
    static Anomaly exceeds(long at, long since, Severity severity, double average) {
        return new Anomaly("EXCEEDANCE", MILL, OUTLET, COD, at, since, true, severity, average, 100.0, HOUR,
                "w01018 hourly average " + average + " mg/L is above the limit 100", evidence(at - HOUR, average));
    }

    static Anomaly exceedanceClears(long at, Severity before, double average) {
        return new Anomaly("EXCEEDANCE", MILL, OUTLET, COD, at, at - HOUR, false, before, average, 100.0, HOUR,
                "w01018 hourly average " + average + " mg/L is back at or below 90 % of the limit 100",
                evidence(at - HOUR, average));
    }

    static Anomaly flatline(long at, long since) {
        return new Anomaly("FLATLINE", MILL, OUTLET, COD, at, since, true, Severity.MAJOR, 0.0, 1.0, at - since,
                "w01018 has stayed within 35.0–35.0 since " + Instant.ofEpochMilli(since), evidence(since, 35.0));
    }

    static Anomaly flatlineClears(long at) {
        return new Anomaly("FLATLINE", MILL, OUTLET, COD, at, at, false, Severity.MAJOR, 36.2, 1.0, 0,
                "w01018 varies again: 36.2 after 35.0–35.0", List.of(new Evidence(OUTLET, COD, at, 36.2, "N")));
    }

    static Anomaly outOfRange(long at) {
        return new Anomaly("OUT_OF_RANGE", MILL, OUTLET, COD, at, at - 15 * MINUTE, true, Severity.WARNING, 1200.0,
                1000.0, 15 * MINUTE, "w01018 has been above its instrument range 1000.0", evidence(at - 15 * MINUTE, 1200.0));
    }

    static Anomaly backInRange(long at) {
        return new Anomaly("OUT_OF_RANGE", MILL, OUTLET, COD, at, at, false, Severity.WARNING, 500.0, 1000.0, 0,
                "w01018 is back within its range at 500.0", List.of(new Evidence(OUTLET, COD, at, 500.0, "N")));
    }

    private static List<Evidence> evidence(long from, double value) {
        return List.of(new Evidence(OUTLET, COD, from, value, "N"), new Evidence(OUTLET, COD, from + 30 * MINUTE, value, "N"));
    }
}
