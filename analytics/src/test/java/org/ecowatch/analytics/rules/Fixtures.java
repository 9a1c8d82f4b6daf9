package org.ecowatch.analytics.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.reading.Reading;

/** A paper mill with a wastewater outlet (every 30 s) and a boiler stack (every minute), named instants, readings. */
public final class Fixtures {
    public static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    public static final String MILL = "ent-001";
    public static final String OUTLET = "ww-01";
    public static final String STACK = "fg-01";
    public static final String COD = "w01018";
    public static final String FLOW = "w00000";
    public static final String NOX = "a21002";
    /** COD limit 100 mg/L hourly, range 0–1000; NOx limit 200 mg/m3 hourly, range 0–2000. */
    public static final double COD_LIMIT = 100, NOX_LIMIT = 200;

    public static final long MINUTE = 60_000, HOUR = 3_600_000;
    /** 2026-11-27 09:00 China time. */
    public static final long NINE = Instant.parse("2026-11-27T01:00:00Z").toEpochMilli();
    public static final long TEN = NINE + HOUR, ELEVEN = NINE + 2 * HOUR, NOON = NINE + 3 * HOUR;

    private Fixtures() {}

    public static Registry registry() {
        Device outlet = new Device(OUTLET, Device.Kind.WASTEWATER_OUTLET, List.of(COD, FLOW), Duration.ofSeconds(30), null,
                null, false, null, null, null);
        Device stack = new Device(STACK, Device.Kind.FLUE_GAS_OUTLET, List.of(NOX), Duration.ofMinutes(1), null, null, false,
                null, null, null);
        Enterprise mill = new Enterprise(MILL, "某造纸有限公司", "north", "paper", Enterprise.Supervision.KEY, false, null,
                null, null, List.of(outlet, stack));
        return new Registry(List.of(new District("north", "北片区", List.of())), List.of(mill), List.of());
    }

    public static Thresholds thresholds() {
        return new Thresholds(Map.of(
                COD, new MetricLimits("mg/L", COD_LIMIT, Duration.ofHours(1), 0.0, 1000.0),
                FLOW, new MetricLimits("L/s", null, null, 0.0, 500.0),
                NOX, new MetricLimits("mg/m3", NOX_LIMIT, Duration.ofHours(1), 0.0, 2000.0)),
                Map.of(), Map.of(), Map.of(), Map.of());
    }

    public static DetectionConfig config() {
        return new DetectionConfig(registry(), thresholds(), RuleParameters.defaults(), CST);
    }

    public static Reading cod(long ts, double value) {
        return Reading.realTime(MILL, OUTLET, COD, ts, value, "N");
    }

    public static Reading cod(long ts, double value, String flag) {
        return Reading.realTime(MILL, OUTLET, COD, ts, value, flag);
    }

    public static Reading nox(long ts, double value) {
        return Reading.realTime(MILL, STACK, NOX, ts, value, "N");
    }

    /** One reading every {@code step} ms in [from, to), made by {@code at}. */
    public static List<Reading> every(long step, long from, long to, LongFunction<Reading> at) {
        List<Reading> readings = new ArrayList<>();
        for (long t = from; t < to; t += step) {
            readings.add(at.apply(t));
        }
        return readings;
    }

    /** COD every 30 s in [from, to) at {@code value}, flag N. */
    public static List<Reading> codBetween(long from, long to, double value) {
        return every(30_000, from, to, t -> cod(t, value));
    }
}
