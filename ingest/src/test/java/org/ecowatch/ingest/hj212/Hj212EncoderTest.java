package org.ecowatch.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.CST;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.EIGHT_AM_CST;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.OUTLET_MN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.OUTLET_PW;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.QN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.ascii;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.outletSource;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.period;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.rtd;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.standardFrame;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.text;

import java.util.List;
import java.util.Map;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Hj212EncoderTest {

    private final Hj212Parser parser = new Hj212Parser();

    @Nested
    class Frames {

        @Test
        void writesTheStandardsExampleByteForByte() {
            Hj212Frame example = parser.parse(standardFrame()).value();
            assertThat(Hj212Encoder.encode(example)).isEqualTo(standardFrame());
        }

        @Test
        void writesA2017RealTimeFrameTheWayTheStandardLaysItOut() {
            Hj212Frame frame = outletSource(Hj212Version.HJ_212_2017).dataFrame(QN,
                    List.of(rtd("w01018", 35.2, "N"), rtd("w00000", 12.0, "N")));

            assertThat(Hj212Encoder.dataSegment(frame)).isEqualTo("QN=" + QN + ";ST=32;CN=2011;PW=" + OUTLET_PW + ";MN=" + OUTLET_MN
                    + ";Flag=4;CP=&&DataTime=20261127080000;w01018-Rtd=35.2,w01018-Flag=N;w00000-Rtd=12,w00000-Flag=N&&");
        }

        @Test
        void writesA2005FrameWithoutQnOrFlagAndWith2005Codes() {
            Hj212Frame frame = outletSource(Hj212Version.HJ_T_212_2005).dataFrame(QN,
                    List.of(period("w01018", "Avg", 35.2, "N", 3_600_000L), period("w21011", "Avg", 0.3, "N", 3_600_000L)));

            assertThat(Hj212Encoder.dataSegment(frame)).isEqualTo("ST=32;CN=2061;PW=" + OUTLET_PW + ";MN=" + OUTLET_MN
                    + ";CP=&&DataTime=20261127080000;011-Avg=35.2,011-Flag=N;101-Avg=0.3,101-Flag=N&&");
        }

        @Test
        void writesLengthAndCrcThatTheParserAccepts() {
            byte[] frame = Hj212Encoder.frame("ST=32;CN=2011;MN=1;CP=&&&&");

            assertThat(text(frame)).startsWith("##0026ST=32").endsWith("\r\n");
            assertThat(parser.parse(frame).isAccepted()).isTrue();
        }

        @Test
        void writesAModbusCrcWhenTheFrameAsksForOne() {
            Hj212Frame frame = Hj212Frame.of(QN, "31", "2011", null, "1", 4, List.of()).withModbusCrc(true);
            String segment = Hj212Encoder.dataSegment(frame);

            assertThat(text(Hj212Encoder.encode(frame))).endsWith(Hj212Crc.hex(Hj212Crc.modbus(ascii(segment))) + "\r\n");
        }

        @Test
        void writesValuesAsPlainDecimalsThatReadBackExactly() {
            Hj212Frame frame = outletSource(Hj212Version.HJ_212_2017).dataFrame(QN,
                    List.of(rtd("w00000", 0.00001, "N"), rtd("w01018", 1e20, "N"), rtd("w01001", -3.5, "N")));

            assertThat(frame.cpValue("w00000-Rtd")).isEqualTo("0.00001");
            assertThat(frame.cpValue("w01018-Rtd")).isEqualTo("100000000000000000000");
            assertThat(frame.cpValue("w01001-Rtd")).isEqualTo("-3.5");
        }

        @Test
        void makesAQnFromATime() {
            assertThat(Hj212Encoder.qn(EIGHT_AM_CST.toEpochMilli() + 123, CST)).isEqualTo("20261127080000123");
        }
    }

    @Nested
    class DataAck {

        @Test
        void answersWithCn9014TheRequestsQnAndFlag4() {
            Hj212Frame request = parser.parse(standardFrame()).value();
            byte[] ack = Hj212Encoder.dataAck(request);

            String segment = "QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&";
            assertThat(text(ack)).isEqualTo(String.format("##%04d", segment.length()) + segment
                    + Hj212Crc.hex(Hj212Crc.hj212(ascii(segment))) + "\r\n");
            assertThat(parser.parse(ack).value().ackRequested()).isFalse();
        }

        @Test
        void marksAFrameAsWantingAnAckThroughFlagBitA() {
            Hj212Frame frame = outletSource(Hj212Version.HJ_212_2017).dataFrame(QN, List.of(rtd("w01018", 1, "N")));

            Hj212Frame asking = parser.parse(Hj212Encoder.encode(frame.withAckRequested(true))).value();
            assertThat(asking.flag()).isEqualTo(5);
            assertThat(asking.ackRequested()).isTrue();
            assertThat(asking.withAckRequested(false).flag()).isEqualTo(4);
        }

        @Test
        void cannotAcknowledgeAFrameWithoutQn() {
            Hj212Frame legacy = Hj212Frame.of(null, "32", "2011", "1", "1", null, List.of());
            assertThatThrownBy(() -> Hj212Encoder.dataAck(legacy)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class SplitPackets {

        private final Hj212Frame large = outletSource(Hj212Version.HJ_212_2017).dataFrame(QN, List.of(
                rtd("w01018", 35.2, "N"), rtd("w21003", 1.25, "N"), rtd("w01001", 7.1, "N"),
                rtd("w00000", 12.5, "N"), rtd("w21001", 8.0, "N"), rtd("w21011", 0.3, "N")));

        @Test
        void writesPacketsThatEachFitTheLimitShareTheQnAndCountThemselves() {
            List<Hj212Frame> packets = Hj212Encoder.encodeSplit(large, 180).stream().map(b -> {
                assertThat(b.length - 12).isLessThanOrEqualTo(180);
                return parser.parse(b).value();
            }).toList();

            assertThat(packets).hasSizeGreaterThan(1);
            for (int i = 0; i < packets.size(); i++) {
                Hj212Frame p = packets.get(i);
                assertThat(p.split()).isTrue();
                assertThat(p.qn()).isEqualTo(QN);
                assertThat(p.pnum()).isEqualTo(packets.size());
                assertThat(p.pno()).isEqualTo(i + 1);
                assertThat(p.cpValue("DataTime")).isEqualTo("20261127080000");
            }
        }

        @Test
        void doesNotSplitAFrameThatFits() {
            assertThat(Hj212Encoder.encodeSplit(large, 1024)).containsExactly(Hj212Encoder.encode(large));
        }

        @Test
        void refusesToSplitA2005FrameOrAnItemLargerThanAPacket() {
            Hj212Frame legacy = outletSource(Hj212Version.HJ_T_212_2005).dataFrame(null,
                    List.of(rtd("w01018", 1, "N"), rtd("w21003", 2, "N")));

            assertThatThrownBy(() -> Hj212Encoder.encodeSplit(legacy, 60)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Hj212Encoder.encodeSplit(large, 100)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class InvalidInput {

        @Test
        void refusesReadingsOfDifferentTimesOrCommands() {
            Reading later = new Reading("e", "d", "w21003", EIGHT_AM_CST.toEpochMilli() + 1000, 1, "N", "Rtd", 0);
            assertThatThrownBy(() -> outletSource(Hj212Version.HJ_212_2017).dataFrame(QN, List.of(rtd("w01018", 1, "N"), later)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> outletSource(Hj212Version.HJ_212_2017).dataFrame(QN,
                    List.of(rtd("w01018", 1, "N"), period("w01018", "Avg", 1, "N", 60_000L))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesATimeWithMillisecondsOrDifferentFlagsForOneMetric() {
            Reading withMillis = new Reading("e", "d", "w01018", EIGHT_AM_CST.toEpochMilli() + 5, 1, "N", "Rtd", 0);
            assertThatThrownBy(() -> outletSource(Hj212Version.HJ_212_2017).dataFrame(QN, List.of(withMillis)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> outletSource(Hj212Version.HJ_212_2017).dataFrame(QN, List.of(
                    period("w01018", "Avg", 1, "N", 60_000L), period("w01018", "Max", 2, "D", 60_000L))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesFieldValuesContainingSeparators() {
            Hj212Frame bad = Hj212Frame.of(QN, "32", "2011", null, "1", 4, List.of(Map.of("Note", "a;b")));
            assertThatThrownBy(() -> Hj212Encoder.encode(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
