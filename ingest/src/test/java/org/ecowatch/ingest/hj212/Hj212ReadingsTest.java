package org.ecowatch.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.CST;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.EIGHT_AM_CST;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.OUTLET;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.OUTLET_MN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.OUTLET_PW;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.PAPER_MILL;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.PLATING;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.PLATING_MN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.PLATING_OUTLET;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.QN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.STACK;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.STACK_MN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.UNKNOWN_MN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.outletSource;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.period;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.registry;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.rtd;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Hj212ReadingsTest {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;

    private final Hj212Parser parser = Hj212Parser.forRegistry(registry(), Hj212Parser.DEFAULT_MAX_DATA_LENGTH);
    private final Hj212Readings readings = new Hj212Readings(registry());

    /** Wire bytes through the whole codec (splitter, parser, identity, assembler, readings): exactly one outcome. */
    private Hj212Result<List<Reading>> decode(byte[] wire, String enterpriseId, String deviceId) {
        List<Hj212Result<Hj212Decoder.Decoded>> results = new Hj212Decoder(registry(), CST).decode(wire, enterpriseId, deviceId, 0L);
        assertThat(results).hasSize(1);
        Hj212Result<Hj212Decoder.Decoded> result = results.get(0);
        return result.isAccepted() ? Hj212Result.accepted(result.value().readings()) : Hj212Result.rejected(result.rejection());
    }

    private Hj212Result<List<Reading>> decode(String segment) {
        return decode(Hj212Encoder.frame(segment), PAPER_MILL, OUTLET);
    }

    private Hj212Rejection rejected(String segment) {
        Hj212Result<List<Reading>> result = decode(segment);
        assertThat(result.isAccepted()).as("rejected: %s", result).isFalse();
        return result.rejection();
    }

    private static String outletSegment(String cn, String cp) {
        return "QN=" + QN + ";ST=32;CN=" + cn + ";PW=" + OUTLET_PW + ";MN=" + OUTLET_MN + ";Flag=4;CP=&&" + cp + "&&";
    }

    static Stream<Arguments> everyDataCommand() {
        List<Arguments> cases = new ArrayList<>();
        List<List<Reading>> sets = List.of(
                List.of(rtd("w01018", 35.2, "N"), rtd("w21003", 1.25, "M"), rtd("w01001", 7.0, "N"), rtd("w00000", 0.00001, "D"),
                        rtd("SB1-RS", 1, "N")),
                periodSet(MINUTE), periodSet(HOUR), periodSet(DAY));
        for (Hj212Version version : Hj212Version.values()) {
            for (List<Reading> set : sets) {
                cases.add(Arguments.of(version, set));
            }
        }
        return cases.stream();
    }

    private static List<Reading> periodSet(long periodMillis) {
        return List.of(
                period("w01018", "Min", 30.1, "N", periodMillis), period("w01018", "Avg", 35.2, "N", periodMillis),
                period("w01018", "Max", 41.9, "N", periodMillis), period("w01018", "Cou", 1.234, "N", periodMillis),
                period("w00000", "Cou", 45000, "C", periodMillis), period("w00000", "Avg", 12.5, "C", periodMillis),
                period("a21026", "Avg", 0, "T", periodMillis));
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("org.ecowatch.ingest.hj212.Hj212ReadingsTest#everyDataCommand")
        void framesTheEncoderWritesDecodeToTheSameReadings(Hj212Version version, List<Reading> original) {
            Hj212Frame frame = outletSource(version).dataFrame(QN, original);

            assertThat(decode(Hj212Encoder.encode(frame), PAPER_MILL, OUTLET).value()).containsExactlyElementsOf(original);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("org.ecowatch.ingest.hj212.Hj212ReadingsTest#everyDataCommand")
        void splitPacketsDecodeToTheSameReadings(Hj212Version version, List<Reading> original) {
            if (version == Hj212Version.HJ_T_212_2005) {
                return; // 2005 uploads carry no QN, so they are never split
            }
            List<byte[]> packets = Hj212Encoder.encodeSplit(outletSource(version).dataFrame(QN, original), 200);
            assertThat(packets).hasSizeGreaterThan(1);

            assertThat(decode(Hj212Fixtures.concat(packets.toArray(byte[][]::new)), PAPER_MILL, OUTLET).value())
                    .containsExactlyElementsOf(original);
        }

        @Test
        void givesPeriodReadingsTheirCommandsPeriod() {
            assertThat(decode(outletSegment("2051", "DataTime=20261127080000;w01018-Avg=1")).value().get(0).periodMillis()).isEqualTo(MINUTE);
            assertThat(decode(outletSegment("2061", "DataTime=20261127080000;w01018-Avg=1")).value().get(0).periodMillis()).isEqualTo(HOUR);
            assertThat(decode(outletSegment("2031", "DataTime=20261127080000;w01018-Avg=1")).value().get(0).periodMillis()).isEqualTo(DAY);
        }
    }

    @Nested
    class Values {

        @Test
        void readsARealTimeFrameIntoRtdReadingsWithTheirFlags() {
            List<Reading> result = decode(outletSegment("2011",
                    "DataTime=20261127080000;w01018-Rtd=35.2,w01018-Flag=T;w21003-Rtd=1.25")).value();

            assertThat(result).containsExactly(
                    Reading.realTime(PAPER_MILL, OUTLET, "w01018", EIGHT_AM_CST.toEpochMilli(), 35.2, "T"),
                    Reading.realTime(PAPER_MILL, OUTLET, "w21003", EIGHT_AM_CST.toEpochMilli(), 1.25, "N"));
        }

        @Test
        void keepsMinMaxAndCouAsSeparateReadingsBesideTheAverage() {
            List<Reading> result = decode(outletSegment("2061",
                    "DataTime=20261127080000;w00000-Cou=45000,w00000-Min=10.1,w00000-Avg=12.5,w00000-Max=14.2,w00000-Flag=N")).value();

            assertThat(result).extracting(Reading::kind).containsExactly("Cou", "Min", "Avg", "Max");
            assertThat(result).extracting(Reading::value).containsExactly(45000.0, 10.1, 12.5, 14.2);
        }

        @Test
        void mapsHjT212_2005CodesTo2017Codes() {
            List<Reading> result = decode(Hj212Encoder.frame("ST=32;CN=2011;PW=" + OUTLET_PW + ";MN=" + OUTLET_MN
                    + ";CP=&&DataTime=20261127080000;011-Rtd=35.2,011-Flag=N;B01-Rtd=12.5;060-Rtd=1;001-Rtd=7;065-Rtd=8;101-Rtd=0.3;"
                    + "B02-Rtd=1;02-Rtd=2;03-Rtd=3;01-Rtd=4;S01-Rtd=5;S03-Rtd=6;002-Rtd=9&&"), PAPER_MILL, OUTLET).value();

            assertThat(result).extracting(Reading::metric).containsExactly("w01018", "w00000", "w21003", "w01001", "w21001",
                    "w21011", "a00000", "a21026", "a21002", "a34013", "a19001", "a01012", "002");
        }

        @Test
        void keepsEquipmentStatusOfRealTimeDataAsAReadingNamedAfterTheField() {
            List<Reading> result = decode(outletSegment("2011", "DataTime=20261127080000;SB1-RS=1;SB2-RS=0")).value();

            assertThat(result).containsExactly(
                    Reading.realTime(PAPER_MILL, OUTLET, "SB1-RS", EIGHT_AM_CST.toEpochMilli(), 1, "N"),
                    Reading.realTime(PAPER_MILL, OUTLET, "SB2-RS", EIGHT_AM_CST.toEpochMilli(), 0, "N"));
        }

        @Test
        void ignoresFieldsThatAreNotReadingsOfTheCommand() {
            List<Reading> result = decode(outletSegment("2011", "DataTime=20261127080000;"
                    + "a21026-Rtd=50,a21026-ZsRtd=60,a21026-SampleTime=20261127075900,a21026-EFlag=A,a21026-Avg=1;RtdInterval=30")).value();

            assertThat(result).extracting(Reading::metric, Reading::kind).containsExactly(org.assertj.core.groups.Tuple.tuple("a21026", "Rtd"));
        }

        @Test
        void ignoresEquipmentStatusInPeriodData() {
            assertThat(decode(outletSegment("2061", "DataTime=20261127080000;SB1-RS=1;w01018-Avg=3")).value())
                    .extracting(Reading::metric).containsExactly("w01018");
        }

        @ParameterizedTest(name = "CN {0}")
        @ValueSource(strings = {"2021", "9014", "1062", "9015", "2041"})
        void acceptsOtherCommandsWithoutReadings(String cn) {
            assertThat(decode(outletSegment(cn, "DataTime=20261127080000;SB1-RS=1;w01018-Rtd=3")).value()).isEmpty();
            assertThat(Hj212Readings.isDataCommand(cn)).isFalse();
        }
    }

    @Nested
    class DataTime {

        @Test
        void isChinaStandardTimeWhenTheEnterpriseHasNoZone() {
            assertThat(decode(outletSegment("2011", "DataTime=20261127080000;w01018-Rtd=1")).value().get(0).ts())
                    .isEqualTo(Instant.parse("2026-11-27T00:00:00Z").toEpochMilli());
        }

        @Test
        void isTheEnterprisesZoneWhenTheRegistryGivesOne() {
            String segment = "QN=" + QN + ";ST=32;CN=2011;MN=" + PLATING_MN + ";Flag=4;CP=&&DataTime=20261127080000;w01018-Rtd=1&&";

            assertThat(decode(Hj212Encoder.frame(segment), PLATING, PLATING_OUTLET).value().get(0).ts())
                    .isEqualTo(Instant.parse("2026-11-27T08:00:00Z").toEpochMilli());
        }

        @Test
        void isTheGivenDefaultZoneWhenTheEnterpriseHasNone() {
            Hj212Frame frame = parser.parse(Hj212Encoder.frame(outletSegment("2011", "DataTime=20261127080000;w01018-Rtd=1"))).value();

            assertThat(new Hj212Readings(registry(), ZoneId.of("Asia/Tokyo")).readings(frame, PAPER_MILL, OUTLET).value().get(0).ts())
                    .isEqualTo(Instant.parse("2026-11-26T23:00:00Z").toEpochMilli());
        }

        @ParameterizedTest(name = "DataTime={0}")
        @ValueSource(strings = {"20260230080000", "2026112708000", "202611270800001", "20261127086000", "2026-11-27 08:00"})
        void rejectsAnInvalidDataTime(String dataTime) {
            Hj212Rejection rejection = rejected(outletSegment("2011", "DataTime=" + dataTime + ";w01018-Rtd=1"));

            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.DATATIME);
            assertThat(rejection.detail()).contains(dataTime);
        }

        @Test
        void rejectsDataWithoutDataTime() {
            assertThat(rejected(outletSegment("2061", "w01018-Avg=1")).reason()).isEqualTo(Hj212Reasons.DATATIME);
        }
    }

    @Nested
    class BadValues {

        @ParameterizedTest(name = "value ''{0}''")
        @ValueSource(strings = {"abc", "", "NaN", "Infinity", "1e400", "0x1p3", "1,5", "35.2d"})
        void rejectsAValueThatIsNotAFiniteDecimal(String value) {
            String cp = "DataTime=20261127080000;w01018-Rtd=" + value;
            Hj212Result<List<Reading>> result = decode(outletSegment("2011", cp));

            // "1,5" splits into the fields w01018-Rtd=1 and "5", which is a CP syntax error
            assertThat(result.rejection().reason()).isIn(Hj212Reasons.VALUE, Hj212Reasons.SYNTAX);
            if (!value.contains(",")) {
                assertThat(result.rejection().reason()).isEqualTo(Hj212Reasons.VALUE);
            }
        }

        @ParameterizedTest(name = "Flag ''{0}''")
        @ValueSource(strings = {"X", "n", "NN", ""})
        void rejectsAnUnknownDataFlag(String flag) {
            assertThat(rejected(outletSegment("2011", "DataTime=20261127080000;w01018-Rtd=1,w01018-Flag=" + flag)).reason())
                    .isEqualTo(Hj212Reasons.FLAG);
        }

        @Test
        void rejectsTheSameValueGivenTwice() {
            assertThat(rejected(outletSegment("2011", "DataTime=20261127080000;w01018-Rtd=1;w01018-Rtd=2")).reason())
                    .isEqualTo(Hj212Reasons.SYNTAX);
        }
    }

    @Nested
    class Identity {

        @Test
        void rejectsAnMnNoDeviceHas() {
            String segment = "QN=" + QN + ";ST=32;CN=2011;MN=" + UNKNOWN_MN + ";Flag=4;CP=&&DataTime=20261127080000;w01018-Rtd=1&&";
            Hj212Rejection rejection = decode(Hj212Encoder.frame(segment), PAPER_MILL, OUTLET).rejection();

            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.MN_UNKNOWN);
            assertThat(rejection.detail()).contains(UNKNOWN_MN);
        }

        @Test
        void rejectsAnMnOfAnotherDeviceThanTheTopics() {
            String segment = "QN=" + QN + ";ST=31;CN=2011;MN=" + STACK_MN + ";Flag=4;CP=&&DataTime=20261127080000;a21026-Rtd=1&&";
            Hj212Rejection rejection = decode(Hj212Encoder.frame(segment), PAPER_MILL, OUTLET).rejection();

            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.MN_MISMATCH);
            assertThat(rejection.detail()).contains(PAPER_MILL + "/" + STACK, PAPER_MILL + "/" + OUTLET);
        }

        @Test
        void rejectsATopicDeviceTheRegistryDoesNotHaveAsAMismatch() {
            assertThat(decode(Hj212Encoder.frame(outletSegment("2011", "DataTime=20261127080000")), PAPER_MILL, "nope")
                    .rejection().reason()).isEqualTo(Hj212Reasons.MN_MISMATCH);
        }

        @Test
        void checksIdentityForCommandsWithoutReadingsToo() {
            String segment = "QN=" + QN + ";ST=91;CN=9014;MN=" + UNKNOWN_MN + ";Flag=4;CP=&&&&";
            assertThat(decode(Hj212Encoder.frame(segment), PAPER_MILL, OUTLET).rejection().reason()).isEqualTo(Hj212Reasons.MN_UNKNOWN);
        }

        @Test
        void rejectsAWrongPasswordWithoutRevealingTheConfiguredOne() {
            Hj212Rejection rejection = rejected(outletSegment("2011", "DataTime=20261127080000").replace("PW=" + OUTLET_PW, "PW=000000"));

            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.PASSWORD);
            assertThat(rejection.detail()).doesNotContain(OUTLET_PW);
        }

        @Test
        void rejectsAMissingPasswordWhenOneIsConfigured() {
            assertThat(rejected(outletSegment("2011", "DataTime=20261127080000").replace("PW=" + OUTLET_PW + ";", "")).reason())
                    .isEqualTo(Hj212Reasons.PASSWORD);
        }

        @Test
        void acceptsAnyPasswordWhenNoneIsConfigured() {
            String segment = "QN=" + QN + ";ST=32;CN=2011;PW=whatever;MN=" + PLATING_MN + ";Flag=4;CP=&&DataTime=20261127080000;w01018-Rtd=1&&";
            assertThat(decode(Hj212Encoder.frame(segment), PLATING, PLATING_OUTLET).value()).hasSize(1);
        }

        @Test
        void findsTheDeviceByMnAloneForTheGateway() {
            Hj212Frame frame = parser.parse(Hj212Encoder.frame(outletSegment("2011", "DataTime=20261127080000;w01018-Rtd=1"))).value();

            assertThat(readings.readings(frame).value()).extracting(Reading::deviceKey).containsExactly(PAPER_MILL + "/" + OUTLET);
        }

        @Test
        void skipsIdentityChecksWithoutARegistry() {
            String segment = "QN=" + QN + ";ST=32;CN=2011;PW=x;MN=" + UNKNOWN_MN + ";Flag=4;CP=&&DataTime=20261127080000;w01018-Rtd=1&&";
            Hj212Frame frame = new Hj212Parser().parse(Hj212Encoder.frame(segment)).value();

            List<Reading> result = new Hj212Readings(null, Hj212Readings.CHINA_STANDARD_TIME).readings(frame).value();
            assertThat(result).extracting(Reading::enterpriseId, Reading::deviceId, Reading::metric)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(null, null, "w01018"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Hj212Version.class)
    void everyDataCommandRoundTripsThroughEveryVersion(Hj212Version version) {
        // guards the MethodSource above against silently shrinking
        assertThat(everyDataCommand().filter(a -> a.get()[0] == version)).hasSize(4);
    }
}
