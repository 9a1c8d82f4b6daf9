package org.ecowatch.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.hj212.Hj212Encoder;
import org.ecowatch.ingest.hj212.Hj212Frame;
import org.ecowatch.ingest.hj212.Hj212Version;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.testing.Fleets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** HJ 212 frames on {@code {prefix}/hj212/{enterpriseId}/{deviceId}}: decoding, routing of split packets, reassembly. */
class Hj212OverMqttTest {
    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    static final Instant EIGHT_AM_CST = Instant.parse("2026-11-27T00:00:00Z");
    static final String TOPIC = "ecowatch/v1/hj212/ent-001/ww-01";
    static final String OUTLET_MN = "88888880000001";

    final MessageDecoder decoder = new MessageDecoder("ecowatch/v1", Fleets.paperMill(), Fleets.thresholds(), CST);

    static Hj212Frame frame(String mn, String qn, double cod) {
        List<Reading> readings = List.of(
                Reading.realTime("ent-001", "ww-01", "w01018", EIGHT_AM_CST.toEpochMilli(), cod, "N"),
                Reading.realTime("ent-001", "ww-01", "w21003", EIGHT_AM_CST.toEpochMilli(), 1.5, "N"),
                Reading.realTime("ent-001", "ww-01", "w01001", EIGHT_AM_CST.toEpochMilli(), 7.2, "N"));
        return new Hj212Encoder.DataSource(Hj212Version.HJ_212_2017, CST, "32", mn, "123456").dataFrame(qn, readings);
    }

    Decoded decode(byte[] payload) {
        return decoder.decode(new InboundMessage(TOPIC, payload, EIGHT_AM_CST.toEpochMilli()));
    }

    static byte[] glued(byte[]... frames) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        return all.toByteArray();
    }

    @Nested
    class Decoding {
        @Test
        void turnsAWholeFrameIntoReadingsOfTheTopicsDevice() {
            Decoded decoded = decode(Hj212Encoder.encode(frame(OUTLET_MN, "20261127080000123", 35.2)));

            assertThat(decoded.rejected()).isEmpty();
            assertThat(decoded.readings()).extracting(Reading::deviceKey, Reading::metric, Reading::value, Reading::ts)
                    .contains(org.assertj.core.groups.Tuple.tuple("ent-001/ww-01", "w01018", 35.2, EIGHT_AM_CST.toEpochMilli()));
        }

        @Test
        void decodesEveryFrameOfAPayloadHoldingSeveral() {
            Decoded decoded = decode(glued(Hj212Encoder.encode(frame(OUTLET_MN, "20261127080000123", 1)),
                    Hj212Encoder.encode(frame(OUTLET_MN, "20261127080030123", 2))));

            assertThat(decoded.readings()).filteredOn(r -> r.metric().equals("w01018")).extracting(Reading::value)
                    .containsExactly(1.0, 2.0);
        }

        @Test
        void rejectsABadCrcAndAnotherDevicesMnWithPreciseReasonsWhileTheGoodFrameBesideThemCounts() {
            byte[] good = Hj212Encoder.encode(frame(OUTLET_MN, "20261127080000123", 1));
            byte[] badCrc = Hj212Encoder.encode(frame(OUTLET_MN, "20261127080030123", 2));
            badCrc[badCrc.length - 3] = (byte) (badCrc[badCrc.length - 3] == '0' ? '1' : '0');
            byte[] foreign = Hj212Encoder.encode(frame("99999999999999", "20261127080100123", 3));

            Decoded decoded = decode(glued(badCrc, good, foreign));

            assertThat(decoded.readings()).filteredOn(r -> r.metric().equals("w01018")).extracting(Reading::value).containsExactly(1.0);
            assertThat(decoded.rejected()).extracting(DeadLetter::reason).containsExactly("hj212.crc", "hj212.mn-unknown");
            assertThat(decoded.rejected().get(0).detail()).containsIgnoringCase("crc");
        }

        @Test
        void handsSplitPacketsOnForReassemblyInsteadOfDecodingThemAlone() {
            List<byte[]> packets = Hj212Encoder.encodeSplit(frame(OUTLET_MN, "20261127080000123", 35.2), 150);

            Decoded decoded = decode(packets.get(0));

            assertThat(packets).hasSizeGreaterThan(1);
            assertThat(decoded.readings()).isEmpty();
            assertThat(decoded.rejected()).isEmpty();
            assertThat(decoded.splitPackets()).singleElement().satisfies(p -> {
                assertThat(p.setKey()).isEqualTo("ent-001/ww-01/20261127080000123");
                assertThat(p.pno()).isEqualTo(1);
                assertThat(p.pnum()).isEqualTo(packets.size());
            });
        }
    }

    @Nested
    class Reassembly {
        KeyedOneInputStreamOperatorTestHarness<String, SplitPacket, Reading> harness() throws Exception {
            var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new SplitPacketAssembly(Fleets.paperMill(), CST)),
                    SplitPacket::setKey, org.apache.flink.api.common.typeinfo.Types.STRING);
            harness.open();
            return harness;
        }

        List<SplitPacket> packets() {
            return Hj212Encoder.encodeSplit(frame(OUTLET_MN, "20261127080000123", 35.2), 150).stream()
                    .flatMap(p -> decode(p).splitPackets().stream()).toList();
        }

        @Test
        void joinsPacketsArrivingInAnyOrderIntoTheFramesReadingsAndForgetsTheSet() throws Exception {
            List<SplitPacket> packets = new java.util.ArrayList<>(packets());
            java.util.Collections.reverse(packets);
            try (var harness = harness()) {
                for (SplitPacket p : packets) {
                    harness.processElement(new StreamRecord<>(p));
                }

                assertThat(harness.extractOutputValues()).extracting(Reading::metric).containsExactlyInAnyOrder("w01018", "w21003", "w01001");
                assertThat(harness.numKeyedStateEntries()).isZero();
                assertThat(harness.numProcessingTimeTimers()).isZero();
            }
        }

        @Test
        void sendsAnIncompleteSetToTheDeadLetterWhenItExpires() throws Exception {
            List<SplitPacket> packets = packets();
            try (var harness = harness()) {
                harness.setProcessingTime(0);
                harness.processElement(new StreamRecord<>(packets.get(0)));
                harness.setProcessingTime(SplitPacketAssembly.EXPIRY.toMillis() + 1);

                assertThat(harness.extractOutputValues()).isEmpty();
                assertThat(harness.getSideOutput(DecodeFunction.DEAD_LETTERS)).singleElement()
                        .satisfies(r -> assertThat(r.getValue().reason()).isEqualTo("hj212.split-expired"));
                assertThat(harness.numKeyedStateEntries()).isZero();
            }
        }
    }
}
