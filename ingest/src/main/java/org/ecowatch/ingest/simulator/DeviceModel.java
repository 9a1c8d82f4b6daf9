package org.ecowatch.ingest.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.MeterMetrics;
import org.ecowatch.configs.MetricLimits;

/**
 * The plausible values one device reports: concentrations at a device-specific share of their limit that
 * rises with production load, meters that follow the production schedule, cumulative counters that only
 * grow, and a little noise on everything.
 */
final class DeviceModel {
    private final Device device;
    private final ProductionSchedule schedule;
    private final Map<String, MetricLimits> limits;
    private final Random random;
    private final double baseShare;
    private double energyKwh;
    private double volumeM3;
    private Instant last;

    DeviceModel(Device device, ProductionSchedule schedule, Map<String, MetricLimits> limits, long seed) {
        this.device = device;
        this.schedule = schedule;
        this.limits = limits;
        this.random = new Random(seed);
        this.baseShare = 0.30 + 0.25 * random.nextDouble();
        this.energyKwh = 10_000 + random.nextInt(90_000);
        this.volumeM3 = 1_000 + random.nextInt(9_000);
    }

    /** One value per declared metric at this instant, rounded as instruments report them. */
    Map<String, Double> sample(Instant at) {
        double load = schedule.load(at);
        double hours = last == null ? 0 : (at.toEpochMilli() - last.toEpochMilli()) / 3_600_000.0;
        last = at;
        Map<String, Double> values = new LinkedHashMap<>();
        for (String metric : device.metrics()) {
            values.put(metric, round(value(metric, load, hours)));
        }
        return values;
    }

    private double value(String metric, double load, double hours) {
        switch (metric) {
            case MeterMetrics.POWER_ACTIVE:
                return power(load);
            case MeterMetrics.POWER_CURRENT:
                return power(load) * 1000 / (Math.sqrt(3) * 380 * 0.9);
            case MeterMetrics.POWER_ENERGY:
                energyKwh += power(load) * hours;
                return energyKwh;
            case MeterMetrics.WATER_FLOW:
                return waterFlow(load);
            case MeterMetrics.WATER_VOLUME:
                volumeM3 += waterFlow(load) * hours;
                return volumeM3;
            case "w01001": // pH: near neutral whatever the load
                return 7.2 + noise(0.25);
            case "a19001": // flue-gas O2 %: more excess air at low load
                return 9.5 + 3 * (1 - load) + noise(0.4);
            case "a01012": // flue-gas temperature °C
                return 60 + 70 * load + noise(3);
            case "w00000": // wastewater flow, L/s
                return Math.max(0, 4 + 18 * load + noise(0.8));
            case "a00000": // flue-gas flow, m3/h
                return Math.max(0, 20_000 + 90_000 * load + noise(2_000));
            default:
                return concentration(metric, load);
        }
    }

    private double concentration(String metric, double load) {
        MetricLimits m = limits.get(metric);
        double limit = m != null && m.limit() != null ? m.limit() : 50.0;
        double share = baseShare * (0.6 + 0.4 * load);
        return Math.max(0, limit * share * (1 + noise(0.06)));
    }

    private double power(double load) {
        double rated = device.ratedPower() != null ? device.ratedPower() : 100.0;
        double share = device.role() == Device.Role.TREATMENT ? 0.45 + 0.30 * load : 0.05 + 0.80 * load;
        return Math.max(0, rated * share * (1 + noise(0.03)));
    }

    private double waterFlow(double load) {
        double intake = 8 + 40 * load;
        double flow = device.role() == Device.Role.DISCHARGE ? intake * 0.85 : intake;
        return Math.max(0, flow * (1 + noise(0.04)));
    }

    private double noise(double scale) {
        return random.nextGaussian() * scale;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
