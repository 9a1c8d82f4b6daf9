package org.ecowatch.alerts.service.readings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.store.ReadingsTables;

/**
 * Reads readings back from the readings store for the console's charts (docs/API.md, "Readings"): one device's
 * metric over a time range, and the last reading of every device and metric of an enterprise. Only real-time
 * readings ({@code kind = Rtd}) are read; HJ 212 period data (minute, hour, day averages) is stored beside them.
 *
 * <p>Built for QuestDB, the embedded default and a production choice, through SQL over its HTTP {@code /exec}
 * endpoint. Reading back from InfluxDB (Flux) is not built: against an InfluxDB every query fails as unavailable.
 * Ids reach the SQL only after the registry has confirmed them, so they are known {@code [A-Za-z0-9_.-]} strings.
 */
public final class Readings {
    /** The longest range one query may ask for. */
    public static final Duration MAX_RANGE = Duration.ofDays(31);
    /** Above this many raw points a series is averaged into time buckets; a chart cannot show more. */
    static final int MAX_POINTS = 1500;
    /** The bucket sizes a sampled series may use: round numbers a person reads on a time axis. */
    private static final List<Duration> BUCKETS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofDays(1));

    /**
     * One point of a series: a reading ({@code flag} set, {@code min}/{@code max} null) or, when sampled, the
     * average of a bucket starting at {@code ts} with its minimum and maximum ({@code flag} null).
     */
    public record Point(OffsetDateTime ts, double value, Double min, Double max, String flag) {}

    /**
     * A device's metric over [from, to), with the metric's unit and effective limit (null when the thresholds set
     * none). {@code sampledBy} is the bucket size when the points are bucket averages, null when they are readings.
     */
    public record Series(String enterpriseId, String deviceId, String metric, String unit, Double limit,
                         OffsetDateTime from, OffsetDateTime to, Duration sampledBy, List<Point> points) {}

    /** The newest real-time reading of one device's metric. */
    public record Latest(String deviceId, String metric, String unit, OffsetDateTime ts, double value, String flag) {}

    private final QuestDbSql sql;
    private final Registry registry;
    private final Thresholds thresholds;
    private final ZoneId zone;

    /**
     * @param questDbUrl the readings store's base URL, as the pipeline writes to it ({@code http://127.0.0.1:9000})
     * @param zone       the pipeline's time zone, for enterprises that name none
     */
    public Readings(String questDbUrl, Registry registry, Thresholds thresholds, ZoneId zone) {
        this.sql = new QuestDbSql(questDbUrl);
        this.registry = registry;
        this.thresholds = thresholds;
        this.zone = zone;
    }

    /** The metric's readings at the device in [from, to), oldest first. */
    public Series series(String enterpriseId, String deviceId, String metric, Instant from, Instant to) {
        Enterprise enterprise = enterprise(enterpriseId);
        Device device = enterprise.device(deviceId).orElseThrow(() -> new InvalidReadingsQuery("device",
                "enterprise " + enterpriseId + " has no device " + deviceId, true));
        if (metric == null || !device.declares(metric)) {
            throw new InvalidReadingsQuery("metric", "device " + enterpriseId + "/" + deviceId + " reports "
                    + String.join(", ", device.metrics()) + "; give one of them as metric", false);
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidReadingsQuery(from == null ? "from" : "to", "from and to are required, from before to", false);
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidReadingsQuery("from", "a range may span at most " + MAX_RANGE.toDays() + " days", false);
        }
        Duration bucket = bucket(Duration.between(from, to), device.interval());
        String where = " FROM " + ReadingsTables.measurement(device.kind())
                + " WHERE enterprise = '" + enterpriseId + "' AND device = '" + deviceId + "' AND metric = '" + metric
                + "' AND kind = 'Rtd' AND ts >= '" + from + "' AND ts < '" + to + "'";
        ZoneId zoneOf = zoneOf(enterprise);
        List<Point> points = new ArrayList<>();
        if (bucket == null) {
            for (JsonNode row : sql.query("SELECT ts, value, flag" + where + " ORDER BY ts")) {
                if (row.get(1).isNumber()) {
                    points.add(new Point(time(row.get(0), zoneOf), row.get(1).asDouble(), null, null, row.get(2).asText(null)));
                }
            }
        } else {
            String sample = "SELECT ts, avg(value), min(value), max(value)" + where
                    + " SAMPLE BY " + bucket.toMinutes() + "m ALIGN TO CALENDAR ORDER BY ts";
            for (JsonNode row : sql.query(sample)) {
                if (row.get(1).isNumber()) {
                    points.add(new Point(time(row.get(0), zoneOf), row.get(1).asDouble(), row.get(2).asDouble(),
                            row.get(3).asDouble(), null));
                }
            }
        }
        Optional<MetricLimits> limits = thresholds.effective(metric, enterprise.industry(), enterpriseId, deviceId);
        return new Series(enterpriseId, deviceId, metric, unit(metric, limits), limits.map(MetricLimits::limit).orElse(null),
                from.atZone(zoneOf).toOffsetDateTime(), to.atZone(zoneOf).toOffsetDateTime(), bucket, points);
    }

    /** The last real-time reading of each metric of each device of the enterprise (devices never heard: none). */
    public List<Latest> latest(String enterpriseId) {
        Enterprise enterprise = enterprise(enterpriseId);
        ZoneId zoneOf = zoneOf(enterprise);
        List<Latest> latest = new ArrayList<>();
        for (Device.Kind kind : enterprise.devices().stream().map(Device::kind).distinct().toList()) {
            String query = "SELECT device, metric, ts, value, flag FROM " + ReadingsTables.measurement(kind)
                    + " WHERE enterprise = '" + enterpriseId + "' AND kind = 'Rtd'"
                    + " LATEST ON ts PARTITION BY device, metric";
            for (JsonNode row : sql.query(query)) {
                String metric = row.get(1).asText();
                if (row.get(3).isNumber()) {
                    Optional<MetricLimits> limits = thresholds.effective(metric, enterprise.industry(), enterpriseId, row.get(0).asText());
                    latest.add(new Latest(row.get(0).asText(), metric, unit(metric, limits), time(row.get(2), zoneOf),
                            row.get(3).asDouble(), row.get(4).asText(null)));
                }
            }
        }
        return latest;
    }

    /** Null when the raw readings fit {@link #MAX_POINTS}, else the smallest round bucket that makes them fit. */
    static Duration bucket(Duration range, Duration interval) {
        long expected = range.toSeconds() / Math.max(1, interval.toSeconds());
        if (expected <= MAX_POINTS) {
            return null;
        }
        long needed = (range.toSeconds() + MAX_POINTS - 1) / MAX_POINTS;
        return BUCKETS.stream().filter(b -> b.toSeconds() >= needed).findFirst().orElse(BUCKETS.get(BUCKETS.size() - 1));
    }

    private Enterprise enterprise(String enterpriseId) {
        if (enterpriseId == null || enterpriseId.isBlank()) {
            throw new InvalidReadingsQuery("enterprise", "enterprise is required", false);
        }
        return registry.enterprise(enterpriseId).orElseThrow(() -> new InvalidReadingsQuery("enterprise",
                "no enterprise " + enterpriseId + " in the registry", true));
    }

    private String unit(String metric, Optional<MetricLimits> limits) {
        return thresholds.unitOf(metric).orElse(limits.map(MetricLimits::unit).orElse(null));
    }

    private ZoneId zoneOf(Enterprise enterprise) {
        return enterprise.timeZone() != null ? enterprise.timeZone() : zone;
    }

    private static OffsetDateTime time(JsonNode questDbTimestamp, ZoneId zone) {
        return Instant.parse(questDbTimestamp.asText()).atZone(zone).toOffsetDateTime();
    }
}
