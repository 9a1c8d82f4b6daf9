package org.ecowatch.app.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.decode.Decoded;
import org.ecowatch.ingest.decode.MessageDecoder;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.simulator.DemoViolations;
import org.ecowatch.ingest.simulator.FleetSimulator;
import org.ecowatch.ingest.simulator.SimulatedMessage;
import org.ecowatch.ingest.store.ReadingsTables;

/**
 * The input of a fault run: the demo district replayed from a fixed seed and a fixed start, JSON and HJ 212 devices
 * mixed, with the demo's scripted violations so that alerts and leads exist. The simulator is driven by a simulated
 * clock, not the wall clock, so the same arguments give the same messages byte for byte. What the store must hold
 * afterwards is worked out by decoding every message with the pipeline's own decoder.
 *
 * @param messages what to publish, in time order
 * @param expected readings per series the store must hold once each
 * @param end      the simulated time the replay reaches
 */
record ReplayInput(List<SimulatedMessage> messages, Map<Series, Long> expected, Instant end) {
    /** A Saturday in the past: the pipeline accepts readings up to a day ahead of their arrival only. */
    static final Instant START = Instant.parse("2026-10-31T00:00:00+08:00");
    static final long SEED = 20261031L;

    /** One stored series: a device's metric in its table. */
    record Series(String table, String enterprise, String device, String metric) implements Comparable<Series> {
        @Override
        public int compareTo(Series o) {
            return toString().compareTo(o.toString());
        }
    }

    /** At least {@code readings} readings of the demo district (whole simulated minutes of it). */
    static ReplayInput demoDistrict(EcowatchConfig config, long readings) {
        String prefix = config.pipeline().mqtt().topicPrefix();
        ZoneId zone = config.pipeline().timeZone();
        FleetSimulator.Options options = new FleetSimulator.Options(START, 1.0, null, SEED, true, DemoViolations.all(), false);
        FleetSimulator simulator = new FleetSimulator(config.registry(), config.thresholds(), zone, prefix, options, START);
        MessageDecoder decoder = new MessageDecoder(prefix, config.registry(), config.thresholds(), zone);
        List<SimulatedMessage> messages = new ArrayList<>();
        Map<Series, Long> expected = new TreeMap<>();
        long total = 0;
        Instant clock = START;
        for (; total < readings; clock = clock.plus(Duration.ofMinutes(1))) {
            for (SimulatedMessage message : simulator.due(clock)) {
                messages.add(message);
                total += countInto(expected, decoder, config, message);
            }
        }
        return new ReplayInput(List.copyOf(messages), expected, clock);
    }

    /** Decodes {@code message} as the pipeline will and counts its readings per series; fails on a rejection. */
    private static long countInto(Map<Series, Long> expected, MessageDecoder decoder, EcowatchConfig config,
                                  SimulatedMessage message) {
        // Arrival "now": the replay is in the past, so every reading is within the day-ahead bound.
        Decoded decoded = decoder.decode(new InboundMessage(message.topic(), message.payload(), System.currentTimeMillis()));
        if (!decoded.rejected().isEmpty() || !decoded.splitPackets().isEmpty()) {
            throw new IllegalStateException("the replay produced a message the pipeline would not store whole: "
                    + decoded.rejected() + " on " + message.topic());
        }
        for (Reading r : decoded.readings()) {
            String table = ReadingsTables.measurement(config.registry().device(r.enterpriseId(), r.deviceId()).orElseThrow().kind());
            expected.merge(new Series(table, r.enterpriseId(), r.deviceId(), r.metric()), 1L, Long::sum);
        }
        return decoded.readings().size();
    }

    long readings() {
        return expected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The simulated time the input covers. */
    Duration span() {
        return Duration.between(START, end);
    }
}
