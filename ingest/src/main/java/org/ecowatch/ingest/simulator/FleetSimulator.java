package org.ecowatch.ingest.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.decode.TelemetryTopic;
import org.ecowatch.ingest.hj212.Hj212Encoder;
import org.ecowatch.ingest.hj212.Hj212Frame;
import org.ecowatch.ingest.hj212.Hj212Version;
import org.ecowatch.ingest.json.JsonBatchDecoder;
import org.ecowatch.ingest.reading.Reading;

/**
 * A simulated fleet: every device of the registry reports a JSON batch on its configured interval with
 * values that follow a production day, and every so often a malformed message is slipped in. Simulated
 * time runs {@code rate} times faster than wall time from {@code start}. Pure: the caller asks what is due
 * and publishes it, so the same simulator drives the demo, the {@code simulate} command and tests.
 */
public final class FleetSimulator {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param start          the simulated time at wall time {@code wallStart}
     * @param rate           simulated seconds per wall second
     * @param malformedEvery simulated time between two malformed messages; null for none
     * @param hj212          whether outlets with an MN speak HJ 212 (over MQTT or through the gateway)
     * @param violations     violations to play at known times
     * @param catchUp        replay from a {@code start} in the past at {@code rate}, then run live: simulated time
     *                       never passes the wall clock
     */
    public record Options(Instant start, double rate, Duration malformedEvery, long seed, boolean hj212,
                          List<ScriptedViolation> violations, boolean catchUp) {
        public Options {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("rate must be > 0, was " + rate);
            }
            violations = List.copyOf(violations);
        }

        /** All devices speak JSON; no violations. */
        public Options(Instant start, double rate, Duration malformedEvery, long seed) {
            this(start, rate, malformedEvery, seed, false, List.of(), false);
        }
    }

    private record Scheduled(Instant due, Enterprise enterprise, Device device, DeviceModel model,
                             SimulatedMessage.Transport transport, ZoneId zone, Map<String, MetricLimits> limits) {}

    private final String prefix;
    private final Options options;
    private final Instant wallStart;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) -> a.due.compareTo(b.due));
    private final MalformedMessages malformed;
    private final ViolationPlayer violations;
    private Instant nextMalformed;

    public FleetSimulator(Registry registry, Thresholds thresholds, ZoneId defaultZone, String prefix,
                          Options options, Instant wallStart) {
        this.prefix = prefix;
        this.options = options;
        this.wallStart = wallStart;
        this.malformed = new MalformedMessages(registry, prefix);
        this.violations = new ViolationPlayer(options.violations());
        // The first mistake comes early, so a demo shows the dead letter at work within its first minute.
        this.nextMalformed = options.malformedEvery() == null ? null
                : options.start().plus(min(options.malformedEvery(), Duration.ofSeconds(20)));
        long seed = options.seed();
        int enterpriseIndex = 0;
        for (Enterprise enterprise : registry.enterprises()) {
            ZoneId zone = enterprise.timeZone() != null ? enterprise.timeZone() : defaultZone;
            ProductionSchedule schedule = new ProductionSchedule(zone, 0.08);
            for (Device device : enterprise.devices()) {
                Map<String, MetricLimits> limits = new HashMap<>();
                for (String metric : device.metrics()) {
                    thresholds.effective(metric, enterprise.industry(), enterprise.id(), device.id())
                            .ifPresent(l -> limits.put(metric, l));
                }
                DeviceModel model = new DeviceModel(device, schedule, limits, seed++);
                // Spread the first reports over a few seconds, as a real fleet's clocks are spread.
                long spread = Math.min(device.interval().toMillis(), 5_000);
                Instant first = options.start().plusMillis(Math.floorMod(seed * 7919L, spread));
                queue.add(new Scheduled(first, enterprise, device, model, transport(options, enterpriseIndex, device), zone, limits));
            }
            enterpriseIndex++;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The simulated time that corresponds to a wall-clock instant. */
    public Instant simulatedTime(Instant wallNow) {
        long elapsed = Math.max(0, wallNow.toEpochMilli() - wallStart.toEpochMilli());
        Instant simulated = options.start().plusMillis((long) (elapsed * options.rate()));
        return options.catchUp() && simulated.isAfter(wallNow) ? wallNow : simulated;
    }

    /** Every message due up to the simulated time of {@code wallNow}, in time order. */
    public List<SimulatedMessage> due(Instant wallNow) {
        Instant now = simulatedTime(wallNow);
        List<SimulatedMessage> out = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().due().isAfter(now)) {
            Scheduled s = queue.poll();
            SimulatedMessage message = s.device().metrics().isEmpty() ? null : batch(s);
            if (message != null) {
                out.add(message);
            }
            queue.add(new Scheduled(s.due().plus(s.device().interval()), s.enterprise(), s.device(), s.model(), s.transport(), s.zone(), s.limits()));
        }
        while (nextMalformed != null && !nextMalformed.isAfter(now)) {
            out.add(malformed.next(nextMalformed));
            nextMalformed = nextMalformed.plus(options.malformedEvery());
        }
        return out;
    }

    /**
     * With HJ 212 on, outlets that have an MN speak it: a third of the enterprises over MQTT, a third through the
     * TCP gateway; meters and the rest publish JSON, so every path of the pipeline carries traffic.
     */
    private static SimulatedMessage.Transport transport(Options options, int enterpriseIndex, Device device) {
        if (!options.hj212() || device.mn() == null || device.kind().isMeter()) {
            return SimulatedMessage.Transport.MQTT_JSON;
        }
        return switch (enterpriseIndex % 3) {
            case 1 -> SimulatedMessage.Transport.MQTT_HJ212;
            case 2 -> SimulatedMessage.Transport.GATEWAY;
            default -> SimulatedMessage.Transport.MQTT_JSON;
        };
    }

    private SimulatedMessage batch(Scheduled s) {
        // Loggers report whole seconds (HJ 212 DataTime has no fraction).
        Instant ts = s.due().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Double> values = s.model().sample(ts);
        Map<String, String> flags = new HashMap<>();
        if (!violations.play(s.enterprise().id(), s.device(), s.limits(), Duration.between(options.start(), ts), ts, values, flags)) {
            return null;
        }
        if (s.transport() != SimulatedMessage.Transport.MQTT_JSON) {
            return frame(s, ts, values, flags);
        }
        ObjectNode batch = JSON.createObjectNode();
        batch.put("schema", JsonBatchDecoder.SCHEMA);
        batch.put("ts", ts.toEpochMilli());
        ArrayNode readings = batch.putArray("readings");
        values.forEach((metric, value) -> {
            ObjectNode reading = readings.addObject().put("metric", metric).put("value", value);
            if (flags.containsKey(metric)) {
                reading.put("flag", flags.get(metric));
            }
        });
        String topic = TelemetryTopic.jsonTopic(prefix, s.enterprise().id(), s.device().id());
        try {
            return new SimulatedMessage(topic, JSON.writeValueAsBytes(batch), readings.size(), null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SimulatedMessage frame(Scheduled s, Instant ts, Map<String, Double> values, Map<String, String> flags) {
        Device device = s.device();
        List<Reading> readings = new ArrayList<>();
        values.forEach((metric, value) -> readings.add(Reading.realTime(s.enterprise().id(), device.id(), metric, ts.toEpochMilli(),
                value, flags.getOrDefault(metric, "N"))));
        String st = device.kind() == Device.Kind.FLUE_GAS_OUTLET ? "31" : "32";
        Hj212Frame frame = new Hj212Encoder.DataSource(Hj212Version.HJ_212_2017, s.zone(), st, device.mn(), device.hj212Password())
                .dataFrame(Hj212Encoder.qn(ts.toEpochMilli(), s.zone()), readings)
                .withAckRequested(s.transport() == SimulatedMessage.Transport.GATEWAY);
        String topic = TelemetryTopic.hj212Topic(prefix, s.enterprise().id(), device.id());
        return new SimulatedMessage(topic, Hj212Encoder.encode(frame), readings.size(), null, s.transport(), device.mn());
    }
}
