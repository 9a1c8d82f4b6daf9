package org.ecowatch.alerts.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.ingest.mqtt.sink.MqttOutbound;
import org.junit.jupiter.api.Test;

/** The alert message must be CONTRACT §4 field for field: parsed back, every field has its name, type and value. */
class AlertJsonTest {
    static final long NINE = Instant.parse("2026-11-27T01:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000;
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> CONTRACT_FIELDS = List.of("schema", "alertId", "state", "rule", "severity", "enterpriseId",
            "deviceId", "metric", "startedAt", "at", "observed", "limit", "window", "evidence", "message");

    static Alert exceedance() {
        return new Alert("5f1c7c3e-2f0a-5b8e-9d3e-0a1b2c3d4e5f", AlertState.OPENED, "EXCEEDANCE", Severity.MAJOR, "ent-001",
                "ww-01", "w01018", NINE, NINE + HOUR, 61.3, 50.0, "PT1H",
                List.of(new Evidence("ww-01", "w01018", NINE, 60.5, "N"), new Evidence("ww-01", "w01018", NINE + 1_800_000, 62.1, "N")),
                "EXCEEDANCE at ent-001/ww-01 w01018 opened (MAJOR): w01018 hourly average 61.3 mg/L is above the limit 50",
                false, List.of(new MaintenanceNote("ent-001/ww-01", NINE - HOUR, NINE + 30 * 60_000, "年度比对监测")),
                "Asia/Shanghai");
    }

    static JsonNode parse(Alert alert) throws Exception {
        return MAPPER.readTree(AlertJson.toBytes(alert));
    }

    @Test
    void writesEveryFieldOfTheContractInItsOrderThenTheOptionalExtensions() throws Exception {
        List<String> names = new ArrayList<>();
        parse(exceedance()).fieldNames().forEachRemaining(names::add);

        List<String> expected = new ArrayList<>(CONTRACT_FIELDS);
        expected.addAll(List.of("flapping", "maintenance"));
        assertThat(names).containsExactlyElementsOf(expected);
    }

    @Test
    void eachFieldHasTheContractsTypeAndValue() throws Exception {
        JsonNode json = parse(exceedance());

        assertThat(json.get("schema").textValue()).isEqualTo("ecowatch.alert/1");
        assertThat(json.get("alertId").textValue()).isEqualTo("5f1c7c3e-2f0a-5b8e-9d3e-0a1b2c3d4e5f");
        assertThat(json.get("state").textValue()).isEqualTo("OPENED");
        assertThat(json.get("rule").textValue()).isEqualTo("EXCEEDANCE");
        assertThat(json.get("severity").textValue()).isEqualTo("MAJOR");
        assertThat(json.get("enterpriseId").textValue()).isEqualTo("ent-001");
        assertThat(json.get("deviceId").textValue()).isEqualTo("ww-01");
        assertThat(json.get("metric").textValue()).isEqualTo("w01018");
        assertThat(json.get("startedAt").textValue()).isEqualTo("2026-11-27T09:00:00+08:00");
        assertThat(json.get("at").textValue()).isEqualTo("2026-11-27T10:00:00+08:00");
        assertThat(OffsetDateTime.parse(json.get("at").textValue()).toInstant().toEpochMilli()).isEqualTo(NINE + HOUR);
        assertThat(json.get("observed").isNumber()).isTrue();
        assertThat(json.get("observed").doubleValue()).isEqualTo(61.3);
        assertThat(json.get("limit").isNumber()).isTrue();
        assertThat(json.get("limit").doubleValue()).isEqualTo(50.0);
        assertThat(Duration.parse(json.get("window").textValue())).isEqualTo(Duration.ofHours(1));
        assertThat(json.get("message").textValue()).startsWith("EXCEEDANCE at ent-001/ww-01 w01018 opened (MAJOR)");

        JsonNode evidence = json.get("evidence");
        assertThat(evidence.isArray()).isTrue();
        assertThat(evidence).hasSize(2);
        JsonNode second = evidence.get(1);
        List<String> itemFields = new ArrayList<>();
        second.fieldNames().forEachRemaining(itemFields::add);
        assertThat(itemFields).containsExactly("deviceId", "metric", "ts", "value", "flag");
        assertThat(second.get("deviceId").textValue()).isEqualTo("ww-01");
        assertThat(second.get("metric").textValue()).isEqualTo("w01018");
        assertThat(second.get("ts").textValue()).isEqualTo("2026-11-27T09:30:00+08:00");
        assertThat(second.get("value").isNumber()).isTrue();
        assertThat(second.get("value").doubleValue()).isEqualTo(62.1);
        assertThat(second.get("flag").textValue()).isEqualTo("N");

        assertThat(json.get("flapping").isBoolean()).isTrue();
        assertThat(json.get("flapping").booleanValue()).isFalse();
        JsonNode window = json.get("maintenance").get(0);
        assertThat(window.get("device").textValue()).isEqualTo("ent-001/ww-01");
        assertThat(window.get("from").textValue()).isEqualTo("2026-11-27T08:00:00+08:00");
        assertThat(window.get("to").textValue()).isEqualTo("2026-11-27T09:30:00+08:00");
        assertThat(window.get("reason").textValue()).isEqualTo("年度比对监测");
    }

    @Test
    void absentValuesAreJsonNullsAndTimesWithoutAZoneAreUtc() throws Exception {
        Alert offline = new Alert("id", AlertState.RESOLVED, "OFFLINE", Severity.WARNING, "ent-001", "ww-01", null, NINE,
                NINE + HOUR, Double.NaN, null, null, List.of(), "back online", true, List.of(), null);

        JsonNode json = parse(offline);

        assertThat(json.get("metric").isNull()).isTrue();
        assertThat(json.get("observed").isNull()).isTrue();
        assertThat(json.get("limit").isNull()).isTrue();
        assertThat(json.get("window").isNull()).isTrue();
        assertThat(json.get("evidence").isArray()).isTrue();
        assertThat(json.get("evidence")).isEmpty();
        assertThat(json.get("startedAt").textValue()).isEqualTo("2026-11-27T01:00:00Z");
        assertThat(json.get("flapping").booleanValue()).isTrue();
        assertThat(json.get("maintenance")).isEmpty();
    }

    @Test
    void isPublishedOnTheEnterprisesAlertTopic() {
        MqttOutbound out = new AlertTopic("ecowatch/v1").apply(exceedance());

        assertThat(out.topic()).isEqualTo("ecowatch/v1/alerts/ent-001");
        assertThat(out.payload()).isEqualTo(AlertJson.toBytes(exceedance()));
    }
}
