package org.ecowatch.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.CST;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.OUTLET;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.PAPER_MILL;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.QN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.UNKNOWN_MN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.ascii;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.concat;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.outletSource;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.registry;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.rtd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Hj212DecoderTest {

    private final List<Reading> realTime = List.of(rtd("w01018", 35.2, "N"), rtd("w21003", 1.25, "N"), rtd("w01001", 7.1, "N"),
            rtd("w00000", 12.5, "N"), rtd("w21001", 8.0, "N"));
    private final Hj212Frame frame = outletSource(Hj212Version.HJ_212_2017).dataFrame(QN, realTime);

    private static List<String> reasons(List<Hj212Result<Hj212Decoder.Decoded>> results) {
        return results.stream().filter(r -> !r.isAccepted()).map(r -> r.rejection().reason()).toList();
    }

    private static List<Reading> readings(List<Hj212Result<Hj212Decoder.Decoded>> results) {
        return results.stream().filter(Hj212Result::isAccepted).flatMap(r -> r.value().readings().stream()).toList();
    }

    @Nested
    class OnePayload {

        @Test
        void decodesEveryFrameAndReportsEveryProblemInOrder() {
            byte[] badCrc = ascii(new String(Hj212Encoder.encode(frame)).replaceFirst("[0-9A-F]{4}\r\n$", "0000\r\n"));
            byte[] heartbeat = Hj212Encoder.encode(Hj212Frame.of(QN, "91", "9015", frame.pw(), frame.mn(), 8, List.of()));
            byte[] payload = concat(ascii("junk"), Hj212Encoder.encode(frame), badCrc, heartbeat);

            List<Hj212Result<Hj212Decoder.Decoded>> results = new Hj212Decoder(registry(), CST).decode(payload, PAPER_MILL, OUTLET, 0L);

            assertThat(results).hasSize(4);
            assertThat(reasons(results)).containsExactly(Hj212Reasons.GARBAGE, Hj212Reasons.CRC);
            assertThat(results.get(1).value().readings()).isEqualTo(realTime);
            assertThat(results.get(3).value().frame().cn()).isEqualTo("9015");
            assertThat(results.get(3).value().readings()).isEmpty();
        }

        @Test
        void findsTheDeviceByMnWhenNoTopicNamesIt() {
            List<Hj212Result<Hj212Decoder.Decoded>> results =
                    new Hj212Decoder(registry(), CST).decode(Hj212Encoder.encode(frame), null, null, 0L);
            assertThat(readings(results)).isEqualTo(realTime);
        }

        @Test
        void decodesWithoutARegistryLeavingTheDeviceToTheCaller() {
            List<Hj212Result<Hj212Decoder.Decoded>> results =
                    new Hj212Decoder(null, CST).decode(Hj212Encoder.encode(frame), null, null, 0L);

            assertThat(readings(results)).extracting(Reading::deviceId).containsOnlyNulls().hasSize(realTime.size());
            assertThat(results.get(0).value().frame().mn()).isEqualTo(frame.mn());
        }
    }

    @Nested
    class SplitPacketsAcrossMessages {

        @Test
        void holdsPacketsFromEarlierMessagesUntilTheSetIsComplete() {
            Hj212Decoder decoder = new Hj212Decoder(registry(), CST);
            List<byte[]> packets = Hj212Encoder.encodeSplit(frame, 200);
            assertThat(packets).hasSizeGreaterThan(1);

            List<Hj212Result<Hj212Decoder.Decoded>> results = new ArrayList<>();
            for (byte[] packet : packets) {
                results.addAll(decoder.decode(packet, PAPER_MILL, OUTLET, 0L));
            }
            assertThat(results).hasSize(1);
            assertThat(readings(results)).isEqualTo(realTime);
        }

        @Test
        void refusesPacketsOfUnknownDevicesBeforeHoldingThem() {
            SplitPacketAssembler assembler = new SplitPacketAssembler();
            Hj212Decoder decoder = new Hj212Decoder(registry(), CST, 8192, assembler);
            Hj212Frame stranger = Hj212Frame.of(QN, "32", "2011", null, UNKNOWN_MN, 4, frame.cp());

            List<Hj212Result<Hj212Decoder.Decoded>> results = decoder.decode(Hj212Encoder.encodeSplit(stranger, 200).get(0), PAPER_MILL, OUTLET, 0L);

            assertThat(reasons(results)).containsExactly(Hj212Reasons.MN_UNKNOWN);
            assertThat(assembler.pendingSets()).isZero();
        }

        @Test
        void expiresAnIncompleteSet() {
            Hj212Decoder decoder = new Hj212Decoder(registry(), CST, 8192, new SplitPacketAssembler(10, 1 << 20, Duration.ofMinutes(1)));
            decoder.decode(Hj212Encoder.encodeSplit(frame, 200).get(0), PAPER_MILL, OUTLET, 0L);

            assertThat(decoder.expire(60_000L)).extracting(Hj212Rejection::reason).containsExactly(Hj212Reasons.SPLIT_EXPIRED);
        }
    }

    @Test
    void decodesOneFrameFromACallersOwnSplitter() {
        FrameSplitter splitter = new FrameSplitter();
        byte[] bare = splitter.feed(Hj212Encoder.encode(frame)).get(0).value();

        assertThat(readings(new Hj212Decoder(registry(), CST).decodeFrame(bare, PAPER_MILL, OUTLET, 0L))).isEqualTo(realTime);
    }
}
