package org.ecowatch.ingest.store;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.reading.Reading;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a reading into its line-protocol point: measurement = the device kind's table, tags = the reading's
 * identity plus its flag, field {@code value}, timestamp in milliseconds.
 *
 * <p>It checks what the store would otherwise reject or silently mangle (the client drops empty tags and
 * points without fields; QuestDB rejects a whole request for one bad line), so that a reading which slipped
 * past validation fails here, by name, instead of as a vague HTTP 400 for its whole batch.
 */
final class ReadingPoints {

    static final String ENTERPRISE = "enterprise";
    static final String DEVICE = "device";
    static final String METRIC = "metric";
    static final String FLAG = "flag";
    static final String KIND = "kind";
    static final String PERIOD = "period";
    static final String VALUE = "value";

    /** enterprise id → device id → measurement (two lookups instead of building a key per reading). */
    private final Map<String, Map<String, String>> measurements = new HashMap<>();

    ReadingPoints(Registry registry) {
        for (Enterprise enterprise : registry.enterprises()) {
            Map<String, String> devices = measurements.computeIfAbsent(enterprise.id(), id -> new HashMap<>());
            for (Device device : enterprise.devices()) {
                devices.put(device.id(), ReadingsTables.measurement(device.kind()));
            }
        }
    }

    Point toPoint(Reading reading) {
        Map<String, String> devices = measurements.get(reading.enterpriseId());
        String measurement = devices == null ? null : devices.get(reading.deviceId());
        if (measurement == null) {
            throw invalid(reading, "its device " + reading.deviceKey() + " is not in the registry, so it has no table;"
                    + " the decode stage should have sent it to the dead-letter topic");
        }
        if (!Double.isFinite(reading.value())) {
            throw invalid(reading, "its value " + reading.value() + " is not a finite number");
        }
        if (reading.periodMillis() < 0) {
            throw invalid(reading, "its period " + reading.periodMillis() + " ms is negative");
        }
        Point point = Point.measurement(measurement)
                .addTag(ENTERPRISE, tag(reading, ENTERPRISE, reading.enterpriseId()))
                .addTag(DEVICE, tag(reading, DEVICE, reading.deviceId()))
                .addTag(METRIC, tag(reading, METRIC, reading.metric()))
                .addTag(FLAG, tag(reading, FLAG, reading.flag()))
                .addTag(KIND, tag(reading, KIND, reading.kind()))
                .addField(VALUE, reading.value())
                .time(reading.ts(), WritePrecision.MS);
        // Real-time readings carry no period: the tag is left out and QuestDB stores null, which its
        // DEDUP UPSERT KEYS treat as one value (ReadingsStoreSinkTest checks that replays still overwrite).
        if (reading.periodMillis() > 0) {
            point.addTag(PERIOD, period(reading.periodMillis()));
        }
        return point;
    }

    /** ISO-8601, e.g. {@code PT1H}, {@code PT1M}, {@code PT24H}. */
    static String period(long periodMillis) {
        return Duration.ofMillis(periodMillis).toString();
    }

    private static String tag(Reading reading, String name, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(reading, "its " + name + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(reading, "its " + name + " contains a control character");
            }
        }
        return value;
    }

    private static InvalidReadingException invalid(Reading reading, String why) {
        return new InvalidReadingException("cannot store " + reading + ": " + why);
    }

    /** A reading that must not reach the store; upstream validation should have rejected it. */
    static final class InvalidReadingException extends IllegalArgumentException {
        InvalidReadingException(String message) {
            super(message);
        }
    }
}
