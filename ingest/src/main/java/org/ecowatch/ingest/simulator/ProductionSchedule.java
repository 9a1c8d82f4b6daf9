package org.ecowatch.ingest.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When an enterprise produces: a day shift with ramps (most of the district works 07:00–22:00 local time),
 * low load at night. Every device of an enterprise follows the same schedule, so outlets, meters and
 * treatment move together as they do in a real plant.
 */
final class ProductionSchedule {
    private final ZoneId zone;
    private final double nightLoad;

    ProductionSchedule(ZoneId zone, double nightLoad) {
        this.zone = zone;
        this.nightLoad = nightLoad;
    }

    /** Production load between {@code nightLoad} and 1 at this instant. */
    double load(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0;
        double day;
        if (hour < 6.5 || hour >= 22.5) {
            day = 0.0;
        } else if (hour < 7.5) {
            day = hour - 6.5;
        } else if (hour >= 21.5) {
            day = 22.5 - hour;
        } else {
            // A gentle midday peak and a lunch dip around 12:00.
            day = 0.9 + 0.1 * Math.sin((hour - 7.5) / 14.0 * Math.PI) - (Math.abs(hour - 12.25) < 0.5 ? 0.1 : 0);
        }
        return nightLoad + (1 - nightLoad) * day;
    }
}
