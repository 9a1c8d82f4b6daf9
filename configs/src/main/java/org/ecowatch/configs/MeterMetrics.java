package org.ecowatch.configs;

import java.util.Map;

/** The meter metrics of CONTRACT §2 and their fixed units. */
public final class MeterMetrics {
    public static final String POWER_ACTIVE = "power.active";
    public static final String POWER_ENERGY = "power.energy";
    public static final String POWER_CURRENT = "power.current";
    public static final String WATER_FLOW = "water.flow";
    public static final String WATER_VOLUME = "water.volume";

    public static final Map<String, String> UNITS = Map.of(
            POWER_ACTIVE, "kW",
            POWER_ENERGY, "kWh",
            POWER_CURRENT, "A",
            WATER_FLOW, "m3/h",
            WATER_VOLUME, "m3");

    private MeterMetrics() {}
}
