package org.ecowatch.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.decode.Decoded;
import org.ecowatch.ingest.decode.MessageDecoder;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.testing.Fleets;
import org.junit.jupiter.api.Test;

class FleetSimulatorTest {
    static final Instant NOON_CST = Instant.parse("2026-11-27T04:00:00Z");
    static final Instant MIDNIGHT_CST = Instant.parse("2026-11-27T16:00:00Z");
    static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    final MessageDecoder decoder = new MessageDecoder("ecowatch/v1", Fleets.paperMill(), Fleets.thresholds());

    FleetSimulator simulator(Instant start, double rate, Duration malformedEvery) {
        return new FleetSimulator(Fleets.paperMill(), Fleets.thresholds(), CST, "ecowatch/v1",
                new FleetSimulator.Options(start, rate, malformedEvery, 42), start);
    }

    List<Reading> decodeValid(List<SimulatedMessage> messages) {
        List<Reading> readings = new ArrayList<>();
        for (SimulatedMessage m : messages) {
            Decoded decoded = decoder.decode(new InboundMessage(m.topic(), m.payload(), NOON_CST.toEpochMilli() + 86_400_000));
            assertThat(decoded.rejected()).as("rejections of %s", m.topic()).isEmpty();
            assertThat(decoded.readings()).hasSize(m.readings());
            readings.addAll(decoded.readings());
        }
        return readings;
    }

    @Test
    void everyDeviceReportsEveryDeclaredMetricOnItsIntervalAndThePipelineAcceptsIt() {
        FleetSimulator sim = simulator(NOON_CST, 1, null);

        List<Reading> tenMinutes = decodeValid(sim.due(NOON_CST.plus(Duration.ofMinutes(10))));

        assertThat(tenMinutes.stream().filter(r -> r.deviceId().equals(Fleets.OUTLET) && r.metric().equals("w01018")))
                .hasSizeBetween(20, 21); // every 30 s
        assertThat(tenMinutes.stream().filter(r -> r.deviceId().equals(Fleets.POWER_METER) && r.metric().equals("power.active")))
                .hasSizeBetween(10, 11); // every minute
        Set<String> metrics = tenMinutes.stream().map(Reading::metric).collect(Collectors.toSet());
        assertThat(metrics).contains("w01018", "w21003", "w01001", "w00000", "power.active", "power.energy", "power.current");
    }

    @Test
    void productionPowerFollowsTheWorkingDay() {
        double noon = average(simulator(NOON_CST, 1, null).due(NOON_CST.plus(Duration.ofMinutes(30))), "power.active");
        double midnight = average(simulator(MIDNIGHT_CST, 1, null).due(MIDNIGHT_CST.plus(Duration.ofMinutes(30))), "power.active");

        assertThat(noon).isGreaterThan(150.0); // rated 250 kW
        assertThat(midnight).isLessThan(50.0);
    }

    @Test
    void cumulativeEnergyNeverDecreases() {
        List<Reading> energy = decodeValid(simulator(NOON_CST, 1, null).due(NOON_CST.plus(Duration.ofHours(2)))).stream()
                .filter(r -> r.metric().equals("power.energy")).toList();
        for (int i = 1; i < energy.size(); i++) {
            assertThat(energy.get(i).value()).isGreaterThanOrEqualTo(energy.get(i - 1).value());
        }
    }

    @Test
    void runsSimulatedTimeFasterThanWallTimeAtAHigherRate() {
        FleetSimulator sim = simulator(NOON_CST, 60, null);

        assertThat(sim.simulatedTime(NOON_CST.plusSeconds(10))).isEqualTo(NOON_CST.plus(Duration.ofMinutes(10)));
        assertThat(sim.due(NOON_CST.plusSeconds(10))).hasSizeGreaterThan(25);
    }

    @Test
    void slipsInEachKindOfMalformedMessageThatThePipelineRejectsWithTheExpectedReason() {
        FleetSimulator sim = simulator(NOON_CST, 1, Duration.ofMinutes(1));

        List<SimulatedMessage> bad = sim.due(NOON_CST.plus(Duration.ofMinutes(6))).stream()
                .filter(m -> m.expectedRejection() != null).toList();

        assertThat(bad).hasSize(6);
        for (SimulatedMessage m : bad) {
            Decoded decoded = decoder.decode(new InboundMessage(m.topic(), m.payload(), NOON_CST.toEpochMilli() + 600_000));
            assertThat(decoded.rejected()).singleElement()
                    .satisfies(dl -> assertThat(dl.reason()).isEqualTo(m.expectedRejection()));
            assertThat(decoded.readings()).isEmpty();
        }
    }

    @Test
    void theWholeDemoDistrictSpeakingJsonAndHj212IsAcceptedByThePipelineWithoutARejection() throws Exception {
        EcowatchConfig demo = ConfigLoader.load(Path.of("../configs/demo"));
        MessageDecoder demoDecoder = new MessageDecoder("ecowatch/v1", demo.registry(), demo.thresholds());
        FleetSimulator sim = new FleetSimulator(demo.registry(), demo.thresholds(), CST, "ecowatch/v1",
                new FleetSimulator.Options(NOON_CST, 1, null, 7, true, DemoViolations.all(), false), NOON_CST);

        List<SimulatedMessage> hour = sim.due(NOON_CST.plus(Duration.ofHours(1)));
        assertThat(hour).extracting(SimulatedMessage::transport).contains(SimulatedMessage.Transport.values());

        Set<String> devices = new java.util.HashSet<>();
        for (SimulatedMessage m : hour) {
            Decoded decoded = demoDecoder.decode(new InboundMessage(m.topic(), m.payload(), NOON_CST.toEpochMilli() + 3_600_000));
            assertThat(decoded.rejected()).as("rejections of %s", m.topic()).isEmpty();
            decoded.readings().forEach(r -> devices.add(r.deviceKey()));
        }
        long registered = demo.registry().enterprises().stream().mapToLong(e -> e.devices().size()).sum();
        assertThat(devices).hasSize((int) registered);
    }

    @Test
    void replaysThePastAtItsRateAndThenRunsLive() {
        Instant wallNow = NOON_CST;
        FleetSimulator sim = new FleetSimulator(Fleets.paperMill(), Fleets.thresholds(), CST, "ecowatch/v1",
                new FleetSimulator.Options(NOON_CST.minus(Duration.ofHours(1)), 60, null, 1, false, List.of(), true), wallNow);

        assertThat(sim.simulatedTime(wallNow.plusSeconds(30))).isEqualTo(NOON_CST.minus(Duration.ofMinutes(30)));
        assertThat(sim.simulatedTime(wallNow.plusSeconds(90))).isEqualTo(wallNow.plusSeconds(90));
    }

    @Test
    void playsScriptedViolationsAtTheirTimes() {
        ScriptedViolation codHigh = new ScriptedViolation("ent-001", "ww-01", "w01018", Duration.ofMinutes(10), Duration.ofMinutes(20),
                ScriptedViolation.Effect.SHARE_OF_LIMIT, 1.5, "COD high");
        ScriptedViolation silent = new ScriptedViolation("ent-001", "pm-prod", null, Duration.ZERO, Duration.ofMinutes(30),
                ScriptedViolation.Effect.SILENT, 0, "meter silent");
        ScriptedViolation manual = new ScriptedViolation("ent-001", "ww-01", "w21003", Duration.ZERO, Duration.ofMinutes(5),
                ScriptedViolation.Effect.MANUAL_FLAG, 0, "manual NH3-N");
        FleetSimulator sim = new FleetSimulator(Fleets.paperMill(), Fleets.thresholds(), CST, "ecowatch/v1",
                new FleetSimulator.Options(NOON_CST, 1, null, 3, false, List.of(codHigh, silent, manual), false), NOON_CST);

        List<Reading> readings = decodeValid(sim.due(NOON_CST.plus(Duration.ofMinutes(40))));

        long tenMinutes = NOON_CST.plus(Duration.ofMinutes(10)).toEpochMilli();
        long thirtyMinutes = NOON_CST.plus(Duration.ofMinutes(30)).toEpochMilli();
        assertThat(readings).filteredOn(r -> r.metric().equals("w01018") && r.ts() >= tenMinutes && r.ts() < thirtyMinutes)
                .isNotEmpty().allSatisfy(r -> assertThat(r.value()).isGreaterThan(140.0));
        assertThat(readings).filteredOn(r -> r.metric().equals("w01018") && r.ts() < tenMinutes)
                .allSatisfy(r -> assertThat(r.value()).isLessThan(100.0));
        assertThat(readings).filteredOn(r -> r.deviceId().equals("pm-prod")).allSatisfy(r -> assertThat(r.ts()).isGreaterThanOrEqualTo(thirtyMinutes));
        assertThat(readings).filteredOn(r -> r.metric().equals("w21003") && r.flag().equals("S")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.ts()).isLessThan(NOON_CST.plus(Duration.ofMinutes(5)).toEpochMilli()));
    }

    private double average(List<SimulatedMessage> messages, String metric) {
        return decodeValid(messages).stream().filter(r -> r.metric().equals(metric)).mapToDouble(Reading::value)
                .average().orElseThrow();
    }
}
