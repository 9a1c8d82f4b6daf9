package org.ecowatch.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ecowatch.ingest.decode.Decoded;
import org.ecowatch.ingest.decode.MessageDecoder;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The bench's generated fleet speaks the pipeline's own formats: everything it sends decodes to the readings meant. */
class BenchFleetTest {
    static final String PREFIX = "ecowatch-bench/test";
    static final long TS = 1_764_201_600_000L;

    final BenchFleet fleet = new BenchFleet(10, 16);
    final MessageDecoder decoder = new MessageDecoder(PREFIX, fleet.registry, fleet.thresholds, BenchFleet.ZONE);

    Decoded decode(String topic, byte[] payload) {
        return decoder.decode(new InboundMessage(topic, payload, TS));
    }

    @Nested
    class FleetMessages {
        @Test
        void everyDeviceSendsEightValidReadingsOfItsOwnAtTheGivenTime() {
            SplittableRandom random = new SplittableRandom(1);
            for (int device = 0; device < fleet.devices; device++) {
                Decoded decoded = decode(fleet.topic(PREFIX, device), fleet.payload(device, TS, random));

                assertThat(decoded.rejected()).as("dead letters of device %d", device).isEmpty();
                assertThat(decoded.readings()).hasSize(BenchFleet.READINGS_PER_MESSAGE).allSatisfy(reading -> {
                    assertThat(reading.ts()).isEqualTo(TS);
                    assertThat(reading.flag()).isEqualTo("N");
                });
            }
        }

        @Test
        void oneDeviceInFiveSpeaksHj212() {
            assertThat(fleet.topic(PREFIX, 4)).startsWith(PREFIX + "/hj212/");
            assertThat(fleet.topic(PREFIX, 3)).startsWith(PREFIX + "/telemetry/");
            assertThat(new String(fleet.payload(4, TS, new SplittableRandom(1)), java.nio.charset.StandardCharsets.US_ASCII))
                    .startsWith("##").contains("CN=2011");
        }

        @Test
        void valuesStayBelowEveryLimitSoNoRuleFiresOnTheFleet() {
            SplittableRandom random = new SplittableRandom(2);
            for (int round = 0; round < 200; round++) {
                for (int device = 0; device < fleet.devices; device++) {
                    for (Reading reading : decode(fleet.topic(PREFIX, device), fleet.payload(device, TS, random)).readings()) {
                        Double limit = fleet.thresholds.metrics().get(reading.metric()).limit();
                        assertThat(reading.value()).isPositive();
                        // Below the early warning's 80 % of the limit; pH, which that rule does not judge, below the limit.
                        if (limit != null) {
                            assertThat(reading.value()).as(reading.metric())
                                    .isLessThan(reading.metric().equals("w01001") ? limit : 0.8 * limit);
                        }
                    }
                }
            }
        }
    }

    @Nested
    class Probes {
        @Test
        void aViolationFlagsExactlyOneReadingAsAManualValue() {
            byte[] payload = BenchFleet.probePayload(TS + 7, "w21003", new SplittableRandom(3));
            Decoded decoded = decode(PREFIX + "/telemetry/" + BenchFleet.probeEnterprise(3) + "/" + BenchFleet.PROBE_DEVICE, payload);

            assertThat(decoded.rejected()).isEmpty();
            assertThat(decoded.readings()).hasSize(8).filteredOn(r -> r.flag().equals("S"))
                    .singleElement().satisfies(r -> assertThat(r.metric()).isEqualTo("w21003"));
        }
    }
}
