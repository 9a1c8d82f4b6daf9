package org.ecowatch.ingest.testing;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;

/** Small named fleets for tests: one paper mill with an outlet and meters, in one district. */
public final class Fleets {
    public static final String ENTERPRISE = "ent-001";
    public static final String OUTLET = "ww-01";
    public static final String POWER_METER = "pm-prod";

    private Fleets() {}

    public static Registry paperMill() {
        Device outlet = new Device(OUTLET, Device.Kind.WASTEWATER_OUTLET, List.of("w01018", "w21003", "w01001", "w00000"),
                Duration.ofSeconds(30), "88888880000001", null, false, null, null, null);
        Device power = new Device(POWER_METER, Device.Kind.POWER_METER, Device.Kind.POWER_METER.defaultMetrics(),
                Duration.ofMinutes(1), null, null, false, Device.Role.PRODUCTION, 20.0, 250.0);
        Enterprise mill = new Enterprise(ENTERPRISE, "某造纸有限公司", "north", "paper", Enterprise.Supervision.KEY, false,
                null, null, null, List.of(outlet, power));
        return new Registry(List.of(new District("north", "北片区", List.of())), List.of(mill), List.of());
    }

    public static Thresholds thresholds() {
        return new Thresholds(
                Map.of("w01018", new MetricLimits("mg/L", 100.0, Duration.ofHours(1), 0.0, 1000.0),
                        "w21003", new MetricLimits("mg/L", 15.0, Duration.ofHours(1), 0.0, 100.0),
                        "w01001", new MetricLimits("pH", 9.0, Duration.ofHours(1), 0.0, 14.0),
                        "w00000", new MetricLimits("L/s", null, null, 0.0, 1000.0)),
                Map.of(), Map.of(), Map.of(), Map.of());
    }
}
