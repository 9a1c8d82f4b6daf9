package org.ecowatch.alerts.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OutcomesJsonTest {
    static final ConfirmedOutcome FIRST = new ConfirmedOutcome("lead-1", "ent-001", Instant.parse("2026-09-01T01:00:00Z"),
            Instant.parse("2026-09-02T03:30:00Z"));
    static final ConfirmedOutcome SECOND = new ConfirmedOutcome("lead-2", "ent-001", Instant.parse("2026-11-01T01:00:00Z"),
            Instant.parse("2026-11-01T06:00:00.250Z"));

    static ConfirmedOutcomes parse(String json) throws MalformedOutcomes {
        return OutcomesJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class Writing {
        @Test
        void writesTheSchemaTheEnterpriseAndEveryConfirmedViolationInUtc() {
            String json = new String(OutcomesJson.toBytes(new ConfirmedOutcomes("ent-001", List.of(FIRST))), StandardCharsets.UTF_8);
            assertThat(json).isEqualTo("{\"schema\":\"ecowatch.outcomes/1\",\"enterpriseId\":\"ent-001\",\"confirmed\":"
                    + "[{\"leadId\":\"lead-1\",\"openedAt\":\"2026-09-01T01:00:00Z\",\"reportedAt\":\"2026-09-02T03:30:00Z\"}]}");
        }

        @Test
        void whatItWritesReadsBackTheSameIncludingAnEmptyList() throws MalformedOutcomes {
            for (ConfirmedOutcomes outcomes : List.of(new ConfirmedOutcomes("ent-001", List.of(FIRST, SECOND)),
                    new ConfirmedOutcomes("ent-001", List.of()))) {
                assertThat(OutcomesJson.parse(OutcomesJson.toBytes(outcomes))).isEqualTo(outcomes);
            }
        }
    }

    @Nested
    class Reading {
        @Test
        void acceptsTimesWithAnyOffsetAndIgnoresFieldsItDoesNotKnow() throws MalformedOutcomes {
            ConfirmedOutcomes read = parse("{\"schema\":\"ecowatch.outcomes/1\",\"enterpriseId\":\"ent-001\",\"note\":\"x\","
                    + "\"confirmed\":[{\"leadId\":\"lead-1\",\"openedAt\":\"2026-09-01T09:00:00+08:00\","
                    + "\"reportedAt\":\"2026-09-02T03:30:00Z\",\"officer\":\"officer-01\"}]}");
            assertThat(read).isEqualTo(new ConfirmedOutcomes("ent-001", List.of(FIRST)));
        }

        @Test
        void rejectsEachBrokenPayloadNamingWhatIsWrong() {
            String good = "\"schema\":\"ecowatch.outcomes/1\",\"enterpriseId\":\"ent-001\"";
            String item = "\"leadId\":\"lead-1\",\"openedAt\":\"2026-09-01T01:00:00Z\"";
            expectRejected("not json", "not valid JSON");
            expectRejected("[]", "must be a JSON object");
            expectRejected("{\"enterpriseId\":\"ent-001\",\"confirmed\":[]}", "schema is required");
            expectRejected("{\"schema\":\"ecowatch.outcomes/2\",\"enterpriseId\":\"ent-001\",\"confirmed\":[]}", "expected \"ecowatch.outcomes/1\"");
            expectRejected("{\"schema\":\"ecowatch.outcomes/1\",\"enterpriseId\":\"ent/001\",\"confirmed\":[]}", "is not an id");
            expectRejected("{" + good + "}", "\"confirmed\" must be an array");
            expectRejected("{" + good + ",\"confirmed\":[1]}", "confirmed[0] must be an object");
            expectRejected("{" + good + ",\"confirmed\":[{" + item + "}]}", "confirmed[0].reportedAt is required");
            expectRejected("{" + good + ",\"confirmed\":[{" + item + ",\"reportedAt\":\"2026-09-02T03:30:00\"}]}",
                    "confirmed[0].reportedAt \"2026-09-02T03:30:00\" is not ISO-8601 with an offset");
            expectRejected("{" + good + ",\"confirmed\":[{" + item + ",\"reportedAt\":1788320000000}]}",
                    "confirmed[0].reportedAt is required and must be a string");
            expectRejected("{" + good + ",\"confirmed\":[{\"leadId\":\" \",\"openedAt\":\"2026-09-01T01:00:00Z\","
                    + "\"reportedAt\":\"2026-09-02T03:30:00Z\"}]}", "confirmed[0].leadId must not be blank");
            expectRejected("{" + good + ",\"enterpriseId\":\"ent-002\",\"confirmed\":[]}", "Duplicate field 'enterpriseId'");
        }

        @Test
        void rejectsInvalidUtf8AndOversizePayloads() {
            assertThatThrownBy(() -> OutcomesJson.parse(new byte[] {'{', (byte) 0xC3, '}'}))
                    .isInstanceOf(MalformedOutcomes.class).hasMessageContaining("not valid UTF-8");
            assertThatThrownBy(() -> OutcomesJson.parse(new byte[OutcomesJson.MAX_PAYLOAD_BYTES + 1]))
                    .isInstanceOf(MalformedOutcomes.class).hasMessageContaining("the limit is " + OutcomesJson.MAX_PAYLOAD_BYTES);
        }

        private void expectRejected(String payload, String reason) {
            assertThatThrownBy(() -> parse(payload)).as(payload).isInstanceOf(MalformedOutcomes.class).hasMessageContaining(reason);
        }
    }

    @Nested
    class Topics {
        @Test
        void oneTopicPerEnterpriseUnderThePrefix() {
            assertThat(OutcomesTopic.of("ecowatch/v1", "ent-001")).isEqualTo("ecowatch/v1/outcomes/ent-001");
            assertThat(OutcomesTopic.filter("ecowatch/v1")).isEqualTo("ecowatch/v1/outcomes/+");
            assertThat(OutcomesTopic.enterpriseOf("ecowatch/v1", "ecowatch/v1/outcomes/ent-001")).contains("ent-001");
            assertThat(OutcomesTopic.enterpriseOf("ecowatch/v1", "ecowatch/v1/alerts/ent-001")).isEmpty();
            assertThatThrownBy(() -> OutcomesTopic.of("ecowatch/v1", "ent/001")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
