package org.ecowatch.analytics.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.MeterMetrics;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.reading.Reading;

/**
 * Enterprises watched through their power and water meters.
 *
 * <ul>
 *   <li>{@link #DYE}: production meter (runs at ≥ 20 kW, rated 250 kW), treatment meter (runs at ≥ 10 kW, rated
 *       100 kW, so it idles below 30 kW), both every minute; intake and discharge water meters every 5 minutes.</li>
 *   <li>{@link #TWIN}: one production line, two treatment meters (each runs at ≥ 10 kW, rated 100 kW).</li>
 *   <li>{@link #WASH}: water meters only, no production power meter.</li>
 * </ul>
 */
public final class MeterFixtures {
    public static final String DYE = "ent-dye", TWIN = "ent-twin", WASH = "ent-wash";
    public static final String PRODUCTION = "pm-prod", TREATMENT = "pm-treat", TREATMENT_B = "pm-treat-b";
    public static final String INTAKE = "wm-in", DISCHARGE = "wm-out";
    public static final String POWER = MeterMetrics.POWER_ACTIVE, VOLUME = MeterMetrics.WATER_VOLUME,
            FLOW = MeterMetrics.WATER_FLOW;

    public static final long MINUTE = 60_000, HOUR = 3_600_000, DAY = 24 * HOUR;
    /** 2026-11-27 00:00 China time: the start of a local day. */
    public static final long MIDNIGHT = Instant.parse("2026-11-26T16:00:00Z").toEpochMilli();
    /** 2026-11-27 02:00 China time. */
    public static final long TWO_AM = MIDNIGHT + 2 * HOUR;

    private MeterFixtures() {}

    static Device power(String id, Device.Role role, double runningAbove, double rated) {
        return new Device(id, Device.Kind.POWER_METER, Device.Kind.POWER_METER.defaultMetrics(), Duration.ofMinutes(1), null,
                null, false, role, runningAbove, rated);
    }

    static Device water(String id, Device.Role role) {
        return new Device(id, Device.Kind.WATER_METER, Device.Kind.WATER_METER.defaultMetrics(), Duration.ofMinutes(5), null,
                null, false, role, null, null);
    }

    static Enterprise enterprise(String id, List<Device> devices) {
        return new Enterprise(id, id, "north", "dyeing", Enterprise.Supervision.GENERAL, false, null, null, null, devices);
    }

    public static Registry registry() {
        Enterprise dye = enterprise(DYE, List.of(power(PRODUCTION, Device.Role.PRODUCTION, 20, 250),
                power(TREATMENT, Device.Role.TREATMENT, 10, 100), water(INTAKE, Device.Role.INTAKE),
                water(DISCHARGE, Device.Role.DISCHARGE)));
        Enterprise twin = enterprise(TWIN, List.of(power(PRODUCTION, Device.Role.PRODUCTION, 20, 250),
                power(TREATMENT, Device.Role.TREATMENT, 10, 100), power(TREATMENT_B, Device.Role.TREATMENT, 10, 100)));
        Enterprise wash = enterprise(WASH, List.of(water(INTAKE, Device.Role.INTAKE), water(DISCHARGE, Device.Role.DISCHARGE)));
        return new Registry(List.of(new District("north", "北片区", List.of())), List.of(dye, twin, wash), List.of());
    }

    public static DetectionConfig config() {
        return new DetectionConfig(registry(), new Thresholds(Map.of(), Map.of(), Map.of(), Map.of(), Map.of()),
                RuleParameters.defaults(), Fixtures.CST);
    }

    public static Reading reading(String enterprise, String device, String metric, long ts, double value) {
        return Reading.realTime(enterprise, device, metric, ts, value, "N");
    }

    /** {@code power.active} of {@link #DYE}'s meter every minute in [from, to) at {@code kW}. */
    public static List<Reading> power(String device, long from, long to, double kW) {
        return Fixtures.every(MINUTE, from, to, t -> reading(DYE, device, POWER, t, kW));
    }
}
