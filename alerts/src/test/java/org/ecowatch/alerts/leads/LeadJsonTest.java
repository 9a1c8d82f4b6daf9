package org.ecowatch.alerts.leads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.alerts.leads.Lead.Action;
import org.ecowatch.alerts.leads.Lead.Priority;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.ingest.mqtt.sink.MqttOutbound;
import org.junit.jupiter.api.Test;

/** The lead message must be CONTRACT §5 field for field: parsed back, every field has its name, type and value. */
class LeadJsonTest {
    static final long TEN = Instant.parse("2026-11-27T02:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000;
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> CONTRACT_FIELDS = List.of("schema", "leadId", "version", "enterpriseId", "enterpriseName",
            "district", "priority", "action", "category", "openedAt", "dueBy", "alerts", "evidence", "summary");

    static Lead lead() {
        return new Lead("0b7c5f8e-3c1d-5a2b-8e4f-1a2b3c4d5e6f", 3, "ent-001", "某造纸有限公司", "north", Priority.P1,
                Action.ONSITE_INSPECTION, "EXCEEDANCE", TEN, TEN + 4 * HOUR, List.of("alert-1", "alert-2"),
                List.of(new Evidence("ww-01", "w01018", TEN, 162.0, "N"), new Evidence("ww-01", "w01018", TEN + HOUR / 2, 158.5, "T")),
                "某造纸有限公司 (ent-001): w01018 at ww-01 is 162.0 against the limit 100.0 (1.6 × the limit) since "
                        + "2026-11-27 10:00 +08:00; 2 alerts: EXCEEDANCE, FLATLINE.",
                true, "Asia/Shanghai");
    }

    static JsonNode parse(Lead lead) throws Exception {
        return MAPPER.readTree(LeadJson.toBytes(lead));
    }

    @Test
    void writesEveryFieldOfTheContractInItsOrderThenRepeat() throws Exception {
        List<String> names = new ArrayList<>();
        parse(lead()).fieldNames().forEachRemaining(names::add);
        List<String> expected = new ArrayList<>(CONTRACT_FIELDS);
        expected.add("repeat");
        assertThat(names).containsExactlyElementsOf(expected);
    }

    @Test
    void eachFieldHasTheContractsTypeAndValue() throws Exception {
        JsonNode json = parse(lead());

        assertThat(json.get("schema").textValue()).isEqualTo("ecowatch.lead/1");
        assertThat(json.get("leadId").textValue()).isEqualTo("0b7c5f8e-3c1d-5a2b-8e4f-1a2b3c4d5e6f");
        assertThat(json.get("version").isInt()).isTrue();
        assertThat(json.get("version").intValue()).isEqualTo(3);
        assertThat(json.get("enterpriseId").textValue()).isEqualTo("ent-001");
        assertThat(json.get("enterpriseName").textValue()).isEqualTo("某造纸有限公司");
        assertThat(json.get("district").textValue()).isEqualTo("north");
        assertThat(json.get("priority").textValue()).isEqualTo("P1");
        assertThat(json.get("action").textValue()).isEqualTo("ONSITE_INSPECTION");
        assertThat(json.get("category").textValue()).isEqualTo("EXCEEDANCE");
        assertThat(json.get("openedAt").textValue()).isEqualTo("2026-11-27T10:00:00+08:00");
        assertThat(json.get("dueBy").textValue()).isEqualTo("2026-11-27T14:00:00+08:00");
        assertThat(OffsetDateTime.parse(json.get("dueBy").textValue()).toInstant().toEpochMilli()).isEqualTo(TEN + 4 * HOUR);
        assertThat(json.get("alerts").isArray()).isTrue();
        assertThat(json.get("alerts")).extracting(JsonNode::textValue).containsExactly("alert-1", "alert-2");
        JsonNode evidence = json.get("evidence");
        assertThat(evidence).hasSize(2);
        List<String> evidenceFields = new ArrayList<>();
        evidence.get(0).fieldNames().forEachRemaining(evidenceFields::add);
        assertThat(evidenceFields).containsExactly("deviceId", "metric", "ts", "value", "flag");
        assertThat(evidence.get(1).get("deviceId").textValue()).isEqualTo("ww-01");
        assertThat(evidence.get(1).get("metric").textValue()).isEqualTo("w01018");
        assertThat(evidence.get(1).get("ts").textValue()).isEqualTo("2026-11-27T10:30:00+08:00");
        assertThat(evidence.get(1).get("value").isNumber()).isTrue();
        assertThat(evidence.get(1).get("value").doubleValue()).isEqualTo(158.5);
        assertThat(evidence.get(1).get("flag").textValue()).isEqualTo("T");
        assertThat(json.get("summary").textValue()).startsWith("某造纸有限公司 (ent-001): w01018 at ww-01 is 162.0");
        assertThat(json.get("repeat").isBoolean()).isTrue();
        assertThat(json.get("repeat").booleanValue()).isTrue();
    }

    @Test
    void aLeadWithoutAZoneIsWrittenInUtc() throws Exception {
        Lead l = lead();
        Lead utc = new Lead(l.leadId(), 1, l.enterpriseId(), l.enterpriseName(), l.district(), Priority.P3,
                Action.OFFSITE_VERIFICATION, "OUT_OF_RANGE", TEN, TEN + 48 * HOUR, List.of(), List.of(), "s", false, null);
        JsonNode json = parse(utc);
        assertThat(json.get("openedAt").textValue()).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(json.get("evidence")).isEmpty();
        assertThat(json.get("repeat").booleanValue()).isFalse();
    }

    @Test
    void isPublishedOnTheLeadsTopicOfItsDistrict() throws Exception {
        MqttOutbound message = new LeadTopic("ecowatch").apply(lead());
        assertThat(message.topic()).isEqualTo("ecowatch/leads/north");
        assertThat(MAPPER.readTree(new String(message.payload(), StandardCharsets.UTF_8))).isEqualTo(parse(lead()));
    }
}
