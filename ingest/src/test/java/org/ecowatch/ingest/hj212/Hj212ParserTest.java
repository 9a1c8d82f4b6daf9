package org.ecowatch.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.OUTLET_MN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.STACK_MN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.STANDARD_SEGMENT;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.ascii;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.registry;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.standardFrame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Hj212ParserTest {

    private final Hj212Parser parser = new Hj212Parser();

    private Hj212Frame accepted(byte[] frame) {
        Hj212Result<Hj212Frame> result = parser.parse(frame);
        assertThat(result.isAccepted()).as("accepted, not %s", result).isTrue();
        return result.value();
    }

    private Hj212Rejection rejected(Hj212Parser p, byte[] frame) {
        Hj212Result<Hj212Frame> result = p.parse(frame);
        assertThat(result.isAccepted()).as("rejected: %s", result).isFalse();
        return result.rejection();
    }

    private Hj212Rejection rejected(byte[] frame) {
        return rejected(parser, frame);
    }

    @Nested
    class TheStandardsExample {

        @Test
        void parsesEveryHeaderFieldAndTheCp() {
            Hj212Frame frame = accepted(standardFrame());

            assertThat(frame.qn()).isEqualTo("20160801085857223");
            assertThat(frame.st()).isEqualTo("32");
            assertThat(frame.cn()).isEqualTo("1062");
            assertThat(frame.pw()).isEqualTo("100000");
            assertThat(frame.mn()).isEqualTo("010000A8900016F000169DC0");
            assertThat(frame.flag()).isEqualTo(5);
            assertThat(frame.cp()).containsExactly(Map.of("RtdInterval", "30"));
            assertThat(frame.modbusCrc()).isFalse();
        }

        @Test
        void readsFlag5AsVersion2017WithAnAckWantedAndNoSplit() {
            Hj212Frame frame = accepted(standardFrame());

            assertThat(frame.version()).isEqualTo(Hj212Version.HJ_212_2017);
            assertThat(frame.ackRequested()).isTrue();
            assertThat(frame.split()).isFalse();
        }

        @Test
        void acceptsItWithoutTheTrailingCrLf() {
            byte[] withCrLf = standardFrame();
            byte[] without = java.util.Arrays.copyOf(withCrLf, withCrLf.length - 2);
            assertThat(accepted(without)).isEqualTo(accepted(withCrLf));
        }

        @Test
        void acceptsTheCrcInLowerCaseHex() {
            String frame = new String(standardFrame()).replace("1C80", "1c80");
            assertThat(accepted(ascii(frame)).mn()).isEqualTo("010000A8900016F000169DC0");
        }
    }

    @Nested
    class FlagBits {

        @ParameterizedTest(name = "Flag={0}: version {1}, ack {2}, split {3}")
        @CsvSource({
                "0, HJ_T_212_2005, false, false",
                "1, HJ_T_212_2005, true, false",
                "4, HJ_212_2017, false, false",
                "5, HJ_212_2017, true, false",
                "7, HJ_212_2017, true, true",
                "8, HJ_212_2025, false, false",
                "9, HJ_212_2025, true, false"})
        void areReadHighToLowAsVersionThenSplitThenAck(int flag, Hj212Version version, boolean ack, boolean split) {
            String pnum = split ? "PNUM=2;PNO=1;" : "";
            Hj212Frame frame = accepted(Hj212Encoder.frame(
                    "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=" + flag + ";" + pnum + "CP=&&&&"));

            assertThat(frame.version()).isEqualTo(version);
            assertThat(frame.ackRequested()).isEqualTo(ack);
            assertThat(frame.split()).isEqualTo(split);
        }

        @Test
        void aMissingFlagMeans2005() {
            Hj212Frame frame = accepted(Hj212Encoder.frame("ST=32;CN=2011;PW=123456;MN=1;CP=&&DataTime=20050101000000&&"));

            assertThat(frame.flag()).isNull();
            assertThat(frame.qn()).isNull();
            assertThat(frame.version()).isEqualTo(Hj212Version.HJ_T_212_2005);
            assertThat(frame.ackRequested()).isFalse();
        }
    }

    @Nested
    class LengthAndCrc {

        @Test
        void rejectsADeclaredLengthThatDiffersFromTheDataSegment() {
            String frame = new String(standardFrame()).replace("##0101", "##0100");
            Hj212Rejection rejection = rejected(ascii(frame));

            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.LENGTH);
            assertThat(rejection.detail()).contains("declares a data segment of 100 bytes but holds 101");
        }

        @Test
        void countsTheLengthInUtf8BytesNotCharacters() {
            String segment = "ST=32;CN=2011;MN=1;Flag=4;CP=&&Note=北片区&&"; // 3 Chinese characters, 9 bytes
            byte[] frame = Hj212Encoder.frame(segment);
            assertThat(new String(frame, 2, 4)).isEqualTo(String.format("%04d", segment.length() + 6));
            assertThat(accepted(frame).cpValue("Note")).isEqualTo("北片区");

            String countedInCharacters = new String(frame, java.nio.charset.StandardCharsets.UTF_8)
                    .replaceFirst("##\\d{4}", String.format("##%04d", segment.length()));
            assertThat(rejected(ascii(countedInCharacters)).reason()).isEqualTo(Hj212Reasons.LENGTH);
        }

        @Test
        void rejectsAWrongCrcNamingTheReceivedAndTheComputedOne() {
            String frame = new String(standardFrame()).replace("1C80", "1C81");
            Hj212Rejection rejection = rejected(ascii(frame));

            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.CRC);
            assertThat(rejection.detail()).contains("received CRC 1C81", "computed 1C80");
        }

        @Test
        void rejectsACrcThatIsNotHex() {
            String frame = new String(standardFrame()).replace("1C80", "1C8G");
            assertThat(rejected(ascii(frame)).reason()).isEqualTo(Hj212Reasons.SYNTAX);
        }

        @Test
        void acceptsDataSegmentsAbove1024BytesUpToTheConfiguredLimit() {
            byte[] frame = Hj212Encoder.frame(segmentOfLength(3000));
            assertThat(accepted(frame).cp()).hasSize(1);
            assertThat(rejected(new Hj212Parser(2999, mn -> false), frame).reason()).isEqualTo(Hj212Reasons.TOO_LARGE);
        }

        @Test
        void rejectsMoreThanTheLimitAsTooLargeBeforeCheckingAnythingElse() {
            Hj212Rejection rejection = rejected(new Hj212Parser(Hj212Parser.STANDARD_MAX_DATA_LENGTH, mn -> false), ascii("##2000QN=garbage"));

            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.TOO_LARGE);
            assertThat(rejection.detail()).contains("2000", "1024");
        }
    }

    @Nested
    class ModbusCrcTolerance {

        private final byte[] modbusFrame = Hj212Encoder.encode(Hj212Frame.of(
                "20160801085857223", "31", "2011", null, STACK_MN, 4, List.of(Map.of("DataTime", "20160801085857")))
                .withModbusCrc(true));

        @Test
        void isOffByDefault() {
            Hj212Rejection rejection = rejected(modbusFrame);

            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.CRC);
            assertThat(rejection.detail()).contains("CRC-16/MODBUS", "MN=" + STACK_MN, "hj212ModbusCrc");
        }

        @Test
        void acceptsAModbusCrcFromADeviceConfiguredForIt() {
            Hj212Frame frame = Hj212Parser.forRegistry(registry(), 8192).parse(modbusFrame).value();

            assertThat(frame.mn()).isEqualTo(STACK_MN);
            assertThat(frame.modbusCrc()).isTrue();
        }

        @Test
        void stillRejectsAModbusCrcFromADeviceNotConfiguredForIt() {
            byte[] fromOutlet = Hj212Encoder.encode(Hj212Frame.of(
                    "20160801085857223", "32", "2011", null, OUTLET_MN, 4, List.of()).withModbusCrc(true));
            assertThat(rejected(Hj212Parser.forRegistry(registry(), 8192), fromOutlet).reason()).isEqualTo(Hj212Reasons.CRC);
        }

        @Test
        void stillAcceptsTheStandardsCrcFromADeviceConfiguredForModbus() {
            byte[] standard = Hj212Encoder.encode(Hj212Frame.of(
                    "20160801085857223", "31", "2011", null, STACK_MN, 4, List.of()));
            assertThat(Hj212Parser.forRegistry(registry(), 8192).parse(standard).value().modbusCrc()).isFalse();
        }
    }

    @Nested
    class Syntax {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=4",                       // no CP
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=4;CP=&&a=1",              // CP not closed
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=4;CP=&&a=1;b&&",          // field without =
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=4;CP=&&a=1,a=2&&",        // field twice in an item
                "QN=2016080108;ST=32;CN=2011;MN=1;Flag=4;CP=&&&&",                      // short QN
                "QN=20160801085857223;ST=3x;CN=2011;MN=1;Flag=4;CP=&&&&",               // ST not digits
                "QN=20160801085857223;ST=32;CN=20111;MN=1;Flag=4;CP=&&&&",              // CN not 4 digits
                "QN=20160801085857223;ST=32;CN=2011;Flag=4;CP=&&&&",                    // no MN
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=256;CP=&&&&",             // Flag out of range
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=x;CP=&&&&",               // Flag not a number
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=6;CP=&&&&",               // split without PNUM/PNO
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=6;PNUM=2;PNO=3;CP=&&&&",  // PNO beyond PNUM
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=6;PNUM=0;PNO=0;CP=&&&&",  // PNUM 0
                "QN=20160801085857223;ST=32;ST=32;CN=2011;MN=1;Flag=4;CP=&&&&",         // field twice
                "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=4;junk;CP=&&&&"})         // header field without =
        void rejectsMalformedDataSegments(String segment) {
            assertThat(rejected(Hj212Encoder.frame(segment)).reason()).isEqualTo(Hj212Reasons.SYNTAX);
        }

        @Test
        void rejectsADataSegmentThatIsNotUtf8() {
            byte[] segment = Hj212Fixtures.concat(ascii("ST=32;CN=2011;MN=1;CP=&&a="), new byte[] {(byte) 0xC3, (byte) 0x28}, ascii("&&"));
            byte[] frame = Hj212Fixtures.concat(ascii(String.format("##%04d", segment.length)), segment,
                    ascii(Hj212Crc.hex(Hj212Crc.hj212(segment)) + "\r\n"));

            Hj212Rejection rejection = rejected(frame);
            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.SYNTAX);
            assertThat(rejection.detail()).contains("UTF-8");
        }

        @Test
        void rejectsInputThatDoesNotStartLikeAFrame() {
            assertThat(rejected(ascii("hello world, not a frame")).reason()).isEqualTo(Hj212Reasons.SYNTAX);
            assertThat(rejected(ascii("##12")).reason()).isEqualTo(Hj212Reasons.SYNTAX);
        }

        @Test
        void toleratesEmptyCpItemsAndFieldsInAnyOrder() {
            Hj212Frame frame = accepted(Hj212Encoder.frame("MN=1;CN=2011;ST=32;CP=&&DataTime=20260101000000;;w01018-Rtd=1;&&"));
            assertThat(frame.cp()).containsExactly(Map.of("DataTime", "20260101000000"), Map.of("w01018-Rtd", "1"));
        }
    }

    @Nested
    class The2025Revision {

        @Test
        void parsesPowerMonitoringFramesWithTheirCodesAndKeepsUnknownFields() {
            Hj212Frame frame = accepted(Hj212Encoder.frame("QN=20260101000000000;ST=44;CN=2011;PW=123456;MN=1;Flag=8;"
                    + "ReSend=1;CP=&&DataTime=20260101000000;d20001-Rtd=35.5,d20001-Flag=N;d30001-Rtd=12.0&&"));

            assertThat(frame.version()).isEqualTo(Hj212Version.HJ_212_2025);
            assertThat(frame.st()).isEqualTo("44");
            assertThat(frame.otherFields()).containsExactly(Map.entry("ReSend", "1"));
            assertThat(frame.cpValue("d30001-Rtd")).isEqualTo("12.0");
        }

        @Test
        void acceptsAHeartbeatWithAnEmptyCp() {
            Hj212Frame frame = accepted(Hj212Encoder.frame("QN=20260101000000000;ST=91;CN=9015;MN=1;Flag=8;CP=&&&&"));
            assertThat(frame.cn()).isEqualTo("9015");
            assertThat(frame.cp()).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "8F3A2B1C4D5E6F708192A3B4C5D6E7F80011223344556677",  // hex cipher text
                "q83hG2k9Zx0bY7wLm4nP1rT6vS8uJ5cE3dA0fB2gH4k="})     // base64 cipher text
        void rejectsAnSm4EncryptedCpAsEncrypted(String cipherText) {
            Hj212Rejection rejection = rejected(Hj212Encoder.frame(
                    "QN=20260101000000000;ST=31;CN=2011;MN=1;Flag=8;CP=&&" + cipherText + "&&"));

            assertThat(rejection.reason()).isEqualTo(Hj212Reasons.ENCRYPTED);
            assertThat(rejection.detail()).contains("SM4");
        }
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        java.util.Random random = new java.util.Random(212);
        byte[] seed = standardFrame();
        for (int i = 0; i < 5_000; i++) {
            byte[] mutated = seed.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            Hj212Result<Hj212Frame> result = parser.parse(mutated);
            assertThat(result).isNotNull();
        }
    }

    /** A data segment of exactly {@code length} bytes. */
    static String segmentOfLength(int length) {
        String head = "QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=4;CP=&&Pad=";
        return head + "x".repeat(length - head.length() - 2) + "&&";
    }
}
