package org.ecowatch.ingest.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.decode.Decoded;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.testing.Fleets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonBatchDecoderTest {
    static final String TOPIC = "ecowatch/v1/telemetry/ent-001/ww-01";
    static final long RECEIVED = Instant.parse("2026-11-27T00:00:05Z").toEpochMilli();
    static final long EIGHT_AM_CST = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();

    final JsonBatchDecoder decoder = new JsonBatchDecoder(Fleets.thresholds());

    Decoded decode(String json) {
        return decoder.decode(TOPIC, "ent-001", "ww-01", json.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    static String batch(String readings) {
        return "{\"schema\":\"ecowatch.telemetry/1\",\"ts\":\"2026-11-27T08:00:00+08:00\",\"readings\":[" + readings + "]}";
    }

    DeadLetter onlyRejection(Decoded decoded) {
        assertThat(decoded.rejected()).hasSize(1);
        return decoded.rejected().get(0);
    }

    @Nested
    class ValidBatches {
        @Test
        void decodesTheContractExample() {
            Decoded decoded = decode(batch("{\"metric\":\"w01018\",\"value\":35.2,\"unit\":\"mg/L\",\"flag\":\"N\"},"
                    + "{\"metric\":\"w00000\",\"value\":12.5,\"unit\":\"L/s\"}"));

            assertThat(decoded.rejected()).isEmpty();
            assertThat(decoded.readings()).containsExactly(
                    Reading.realTime("ent-001", "ww-01", "w01018", EIGHT_AM_CST, 35.2, "N"),
                    Reading.realTime("ent-001", "ww-01", "w00000", EIGHT_AM_CST, 12.5, "N"));
        }

        @Test
        void acceptsEpochMillisAndAPerReadingTimestampThatOverridesTheBatch() {
            Decoded decoded = decode("{\"ts\":" + EIGHT_AM_CST + ",\"readings\":[{\"metric\":\"w01018\",\"value\":1},"
                    + "{\"metric\":\"w01018\",\"value\":2,\"ts\":\"2026-11-27T07:59:30+08:00\"}]}");

            assertThat(decoded.readings()).extracting(Reading::ts).containsExactly(EIGHT_AM_CST, EIGHT_AM_CST - 30_000);
        }

        @Test
        void acceptsADeviceFieldNamingTheTopicsDevice() {
            assertThat(decode("{\"device\":\"ent-001/ww-01\",\"ts\":" + EIGHT_AM_CST + ",\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}")
                    .readings()).hasSize(1);
            assertThat(decode("{\"device\":\"ww-01\",\"ts\":" + EIGHT_AM_CST + ",\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}")
                    .readings()).hasSize(1);
        }

        @Test
        void keepsTheFlagAndStoresMetricsTheDeviceDoesNotDeclare() {
            Decoded decoded = decode(batch("{\"metric\":\"w01018\",\"value\":3,\"flag\":\"M\"},{\"metric\":\"w99999\",\"value\":4}"));

            assertThat(decoded.readings()).extracting(Reading::flag).containsExactly("M", "N");
        }
    }

    @Nested
    class RejectedMessages {
        @Test
        void rejectsMalformedJsonWithTheParserMessage() {
            DeadLetter dl = onlyRejection(decode("{\"ts\": 1, \"readings\": [ {"));
            assertThat(dl.reason()).isEqualTo(Reason.JSON_MALFORMED);
            assertThat(dl.topic()).isEqualTo(TOPIC);
            assertThat(dl.receivedAt()).isEqualTo(RECEIVED);
        }

        @Test
        void rejectsInvalidUtf8() {
            Decoded decoded = decoder.decode(TOPIC, "ent-001", "ww-01", new byte[] {'{', (byte) 0xC3, '}'}, RECEIVED);
            assertThat(onlyRejection(decoded).reason()).isEqualTo(Reason.JSON_MALFORMED);
        }

        @Test
        void rejectsPayloadsAbove64KiBBeforeParsingThem() {
            byte[] huge = new byte[64 * 1024 + 1];
            java.util.Arrays.fill(huge, (byte) ' ');
            DeadLetter dl = onlyRejection(decoder.decode(TOPIC, "ent-001", "ww-01", huge, RECEIVED));
            assertThat(dl.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE);
            assertThat(dl.payload()).isSameAs(huge);
        }

        @Test
        void rejectsMoreThan500Readings() {
            String one = "{\"metric\":\"w01018\",\"value\":1},";
            String many = one.repeat(501);
            assertThat(onlyRejection(decode(batch(many.substring(0, many.length() - 1)))).reason())
                    .isEqualTo(Reason.TOO_MANY_READINGS);
        }

        @Test
        void rejectsAPayloadNamingAnotherDevice() {
            DeadLetter dl = onlyRejection(decode("{\"device\":\"ent-002/ww-01\",\"ts\":1764201600000,\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}"));
            assertThat(dl.reason()).isEqualTo(Reason.DEVICE_MISMATCH);
            assertThat(dl.detail()).contains("ent-002/ww-01", "ent-001/ww-01");
        }

        @Test
        void rejectsAMissingTimestampAndOneWithoutOffset() {
            assertThat(onlyRejection(decode("{\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}")).reason())
                    .isEqualTo(Reason.TIMESTAMP_INVALID);
            assertThat(onlyRejection(decode("{\"ts\":\"2026-11-27T08:00:00\",\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}")).detail())
                    .contains("offset");
        }

        @Test
        void rejectsEpochSecondsAndTimestampsFarInTheFuture() {
            assertThat(onlyRejection(decode("{\"ts\":1764201600,\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}")).detail())
                    .contains("seconds");
            assertThat(onlyRejection(decode("{\"ts\":\"2026-12-27T08:00:00+08:00\",\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}")).detail())
                    .contains("ahead");
        }

        @Test
        void rejectsWrongSchemaAndMissingReadings() {
            assertThat(onlyRejection(decode("{\"schema\":\"other/2\",\"ts\":1764201600000,\"readings\":[]}")).reason())
                    .isEqualTo(Reason.SCHEMA_INVALID);
            assertThat(onlyRejection(decode("{\"ts\":1764201600000}")).reason()).isEqualTo(Reason.SCHEMA_INVALID);
            assertThat(onlyRejection(decode("[1,2,3]")).reason()).isEqualTo(Reason.SCHEMA_INVALID);
        }

        @Test
        void rejectsDeepNestingWithoutExhaustingTheStack() {
            String deep = "[".repeat(10_000) + "]".repeat(10_000);
            assertThat(onlyRejection(decode("{\"ts\":1764201600000,\"readings\":" + deep + "}")).reason())
                    .isEqualTo(Reason.JSON_MALFORMED);
        }
    }

    @Nested
    class RejectedReadings {
        @Test
        void rejectsOnlyTheBadReadingAndKeepsItsNeighbours() {
            Decoded decoded = decode(batch("{\"metric\":\"w01018\",\"value\":1},{\"metric\":\"w21003\",\"value\":\"high\"},"
                    + "{\"metric\":\"w01001\",\"value\":7.1}"));

            assertThat(decoded.readings()).extracting(Reading::metric).containsExactly("w01018", "w01001");
            DeadLetter dl = onlyRejection(decoded);
            assertThat(dl.reason()).isEqualTo(Reason.VALUE_INVALID);
            assertThat(dl.detail()).startsWith("readings[1].value");
        }

        @Test
        void rejectsNonFiniteAndOverflowingNumbers() {
            assertThat(onlyRejection(decode(batch("{\"metric\":\"w01018\",\"value\":1e400}"))).reason())
                    .isEqualTo(Reason.VALUE_INVALID);
            assertThat(onlyRejection(decode(batch("{\"metric\":\"w01018\",\"value\":NaN}"))).reason())
                    .isEqualTo(Reason.JSON_MALFORMED);
        }

        @Test
        void rejectsAUnitThatDiffersFromTheConfiguredOne() {
            DeadLetter dl = onlyRejection(decode(batch("{\"metric\":\"w01018\",\"value\":35,\"unit\":\"g/L\"}")));
            assertThat(dl.reason()).isEqualTo(Reason.UNIT_MISMATCH);
            assertThat(dl.detail()).contains("mg/L");
        }

        @Test
        void checksTheFixedUnitsOfMeterMetrics() {
            assertThat(onlyRejection(decode(batch("{\"metric\":\"power.active\",\"value\":35,\"unit\":\"W\"}"))).detail())
                    .contains("kW");
            assertThat(decode(batch("{\"metric\":\"power.active\",\"value\":35,\"unit\":\"kW\"}")).readings()).hasSize(1);
        }

        @Test
        void rejectsUnknownFlagsAndMalformedMetrics() {
            assertThat(onlyRejection(decode(batch("{\"metric\":\"w01018\",\"value\":1,\"flag\":\"X\"}"))).reason())
                    .isEqualTo(Reason.FLAG_INVALID);
            assertThat(onlyRejection(decode(batch("{\"metric\":\"w01 018\",\"value\":1}"))).reason())
                    .isEqualTo(Reason.METRIC_INVALID);
        }

        @Test
        void namesEveryRejectedReadingInOneDeadLetter() {
            DeadLetter dl = onlyRejection(decode(batch("{\"metric\":\"w01018\",\"value\":null},{\"metric\":\"w01018\",\"value\":1,\"flag\":\"Q\"}")));
            assertThat(dl.reason()).isEqualTo(Reason.VALUE_INVALID);
            assertThat(dl.detail()).contains("2 readings rejected", "readings[0]", "readings[1]");
        }
    }

    @Test
    void withoutAConfigurationTakesTheDeviceFromThePayloadAndSkipsUnitChecks() {
        Decoded decoded = new JsonBatchDecoder(null).decode(null, null, null,
                ("{\"device\":\"ent-009/x\",\"ts\":1764201600000,\"readings\":[{\"metric\":\"w01018\",\"value\":1,\"unit\":\"g/L\"}]}")
                        .getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(decoded.readings()).extracting(Reading::deviceKey).containsExactly("ent-009/x");
    }
}
