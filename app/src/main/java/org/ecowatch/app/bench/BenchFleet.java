package org.ecowatch.app.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.decode.TelemetryTopic;
import org.ecowatch.ingest.hj212.Hj212Encoder;
import org.ecowatch.ingest.hj212.Hj212Version;
import org.ecowatch.ingest.reading.Reading;

/**
 * The district a bench publishes for, generated in code: enterprises with one wastewater outlet and one flue-gas
 * outlet each, every outlet reporting eight parameters a minute (as online analyser sets do), one device in
 * {@value #HJ212_EVERY} speaking HJ 212 over MQTT and the others JSON batches. Besides the fleet, a few probe
 * enterprises whose messages the bench times (markers in the store, injected violations). Values stay inside
 * their limits and vary, so no rule fires on the fleet: the alerts the bench sees are the ones it injected.
 */
final class BenchFleet {
    /** Every device's reporting interval, and the event-time step between two of its messages. */
    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final int READINGS_PER_MESSAGE = 8;
    /** One device in this many sends HJ 212 frames (2017, CN 2011, one frame of eight values) instead of JSON. */
    static final int HJ212_EVERY = 5;
    static final String PROBE_DEVICE = "probe-ww";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final String HJ212_PASSWORD = "123456";
    private static final List<Metric> WASTEWATER = List.of(
            new Metric("w01018", "mg/L", 100.0, 0, 1000, 20, 60),      // COD
            new Metric("w21003", "mg/L", 15.0, 0, 100, 1, 5),          // NH3-N
            new Metric("w01001", "pH", 9.0, 0, 14, 6.8, 7.8),          // pH
            new Metric("w00000", "L/s", null, 0, 500, 10, 40),         // flow
            new Metric("w21011", "mg/L", 0.5, 0, 10, 0.05, 0.3),       // total phosphorus
            new Metric("w21001", "mg/L", null, 0, 100, 5, 12),         // total nitrogen
            new Metric("w01010", "℃", null, 0, 60, 15, 25),            // water temperature
            new Metric("w01009", "mg/L", null, 0, 20, 3, 7));          // dissolved oxygen
    private static final List<Metric> FLUE_GAS = List.of(
            new Metric("a21026", "mg/m3", 550.0, 0, 2000, 30, 150),    // SO2
            new Metric("a21002", "mg/m3", 240.0, 0, 2000, 60, 170),    // NOx
            new Metric("a34013", "mg/m3", 120.0, 0, 500, 5, 40),       // particulate
            new Metric("a19001", "%", null, 0, 25, 8, 12),             // O2
            new Metric("a00000", "m3/h", null, 0, 1_000_000, 80_000, 150_000), // flue-gas flow
            new Metric("a01012", "℃", null, 0, 300, 90, 140),          // flue-gas temperature
            new Metric("a01013", "kPa", null, 0, 10, 0.2, 1.5),        // flue-gas pressure
            new Metric("a01014", "%", null, 0, 100, 5, 15));           // flue-gas humidity

    /** One analysed parameter: its unit, limit (null: none), instrument range and the band normal values keep to. */
    record Metric(String code, String unit, Double limit, double rangeMin, double rangeMax, double low, double high) {}

    final int devices;
    final int probes;
    final Registry registry;
    final Thresholds thresholds;

    BenchFleet(int devices, int probes) {
        this.devices = devices;
        this.probes = probes;
        this.registry = registry(devices, probes);
        this.thresholds = thresholds();
    }

    /** Device/metric series of the fleet (probes left out). */
    long series() {
        return (long) devices * READINGS_PER_MESSAGE;
    }

    static String enterpriseOf(int device) {
        return "e" + zeroPadded(device / 2, 6);
    }

    /** {@code n} with leading zeros to {@code width} digits: String.format was a tenth of the publishers' time. */
    private static String zeroPadded(int n, int width) {
        String digits = Integer.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    static String deviceIdOf(int device) {
        return device % 2 == 0 ? "ww-01" : "fg-01";
    }

    static String probeEnterprise(int probe) {
        return String.format("probe-%02d", probe);
    }

    static boolean speaksHj212(int device) {
        return device % HJ212_EVERY == HJ212_EVERY - 1;
    }

    static List<String> probeMetrics() {
        return WASTEWATER.stream().map(Metric::code).toList();
    }

    String topic(String prefix, int device) {
        return speaksHj212(device)
                ? TelemetryTopic.hj212Topic(prefix, enterpriseOf(device), deviceIdOf(device))
                : TelemetryTopic.jsonTopic(prefix, enterpriseOf(device), deviceIdOf(device));
    }

    /** The message of {@code device} for time {@code ts}: a JSON batch or an HJ 212 frame of eight readings. */
    byte[] payload(int device, long ts, SplittableRandom random) {
        List<Metric> metrics = device % 2 == 0 ? WASTEWATER : FLUE_GAS;
        if (!speaksHj212(device)) {
            return json(ts, metrics, random, null);
        }
        List<Reading> readings = new ArrayList<>(READINGS_PER_MESSAGE);
        for (Metric m : metrics) {
            readings.add(Reading.realTime(enterpriseOf(device), deviceIdOf(device), m.code(), ts, value(m, random), "N"));
        }
        String st = device % 2 == 0 ? "32" : "31";
        return Hj212Encoder.encode(new Hj212Encoder.DataSource(Hj212Version.HJ_212_2017, ZONE, st, mn(device), HJ212_PASSWORD)
                .dataFrame(Hj212Encoder.qn(ts, ZONE), readings));
    }

    /** A probe's JSON batch; {@code manualMetric} (may be null) is flagged S, a manual value: an alert at once. */
    static byte[] probePayload(long ts, String manualMetric, SplittableRandom random) {
        return json(ts, WASTEWATER, random, manualMetric);
    }

    private static byte[] json(long ts, List<Metric> metrics, SplittableRandom random, String manualMetric) {
        StringBuilder s = new StringBuilder(480);
        s.append("{\"schema\":\"ecowatch.telemetry/1\",\"ts\":").append(ts).append(",\"readings\":[");
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            s.append(i == 0 ? "{" : ",{").append("\"metric\":\"").append(m.code()).append("\",\"value\":");
            appendValue(s, m, random);
            s.append(",\"unit\":\"").append(m.unit()).append("\",\"flag\":\"")
                    .append(m.code().equals(manualMetric) ? "S" : "N").append("\"}");
        }
        return s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A value within the metric's normal band, two decimals, as analysers print them. */
    private static double value(Metric m, SplittableRandom random) {
        return hundredths(m, random) / 100.0;
    }

    private static long hundredths(Metric m, SplittableRandom random) {
        return Math.round((m.low() + (m.high() - m.low()) * random.nextDouble()) * 100);
    }

    /** As {@link #value}, printed digit by digit: printing a double was most of the publishers' time. */
    private static void appendValue(StringBuilder s, Metric m, SplittableRandom random) {
        long hundredths = hundredths(m, random);
        long fraction = hundredths % 100;
        s.append(hundredths / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
    }

    private static String mn(int device) {
        return "43" + zeroPadded(device, 12);
    }

    private static Registry registry(int devices, int probes) {
        List<District> districts = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            districts.add(new District("d" + d, "District " + d, List.of(new District.Officer("officer-" + d, "Officer " + d))));
        }
        List<Enterprise> enterprises = new ArrayList<>(devices / 2 + probes + 1);
        for (int first = 0; first < devices; first += 2) {
            List<Device> outlets = new ArrayList<>(2);
            for (int device = first; device < Math.min(first + 2, devices); device++) {
                outlets.add(new Device(deviceIdOf(device), device % 2 == 0 ? Device.Kind.WASTEWATER_OUTLET : Device.Kind.FLUE_GAS_OUTLET,
                        (device % 2 == 0 ? WASTEWATER : FLUE_GAS).stream().map(Metric::code).toList(), INTERVAL, mn(device),
                        HJ212_PASSWORD, false, null, null, null));
            }
            enterprises.add(enterprise(enterpriseOf(first), first / 2, outlets));
        }
        for (int p = 0; p < probes; p++) {
            enterprises.add(enterprise(probeEnterprise(p), p, List.of(new Device(PROBE_DEVICE, Device.Kind.WASTEWATER_OUTLET,
                    probeMetrics(), INTERVAL, null, null, false, null, null, null))));
        }
        return new Registry(districts, enterprises, List.of());
    }

    private static Enterprise enterprise(String id, int n, List<Device> devices) {
        return new Enterprise(id, "Bench enterprise " + id, "d" + n % 10, null, Enterprise.Supervision.GENERAL, false, null, null,
                null, devices);
    }

    private static Thresholds thresholds() {
        Map<String, MetricLimits> metrics = new LinkedHashMap<>();
        for (Metric m : concat(WASTEWATER, FLUE_GAS)) {
            metrics.put(m.code(), new MetricLimits(m.unit(), m.limit(), m.limit() == null ? null : Duration.ofHours(1),
                    m.rangeMin(), m.rangeMax()));
        }
        return new Thresholds(metrics, Map.of(), Map.of(), Map.of(), Map.of());
    }

    private static List<Metric> concat(List<Metric> a, List<Metric> b) {
        List<Metric> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
