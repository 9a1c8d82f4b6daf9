package org.ecowatch.alerts.service.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.leads.LeadJson;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertJson;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.alerts.service.store.AlertMessage;
import org.ecowatch.alerts.service.store.LeadMessage;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.Registry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the lead service reads off the leads and alerts topics: the pipeline's own messages, and refusals for the rest. */
class PipelineMessagesTest {
    static final long TEN = Instant.parse("2026-11-27T02:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000;
    static final ObjectMapper MAPPER = new ObjectMapper();

    static Lead lead() {
        return new Lead("lead-1", 2, "ent-001", "某造纸有限公司", "jingkai", Lead.Priority.P1, Lead.Action.ONSITE_INSPECTION,
                "EXCEEDANCE", TEN, TEN + 4 * HOUR, List.of("alert-1", "alert-2"),
                List.of(new Evidence("ww-01", "w01018", TEN, 162.0, "N")), "summary", false, "Asia/Shanghai");
    }

    static Alert alert(String enterpriseId) {
        return new Alert("alert-1", AlertState.ESCALATED, "EXCEEDANCE", Severity.CRITICAL, enterpriseId, "ww-01", "w01018",
                TEN, TEN + HOUR, 162.0, 100.0, "PT1H", List.of(new Evidence("ww-01", "w01018", TEN, 162.0, "N")),
                "message", false, List.of(), "Asia/Shanghai");
    }

    static byte[] edited(byte[] payload, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(payload);
        edit.accept(json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Leads {
        @Test
        void readsTheFieldsTheStoreQueriesAndKeepsTheMessageWithoutItsSchema() throws Exception {
            LeadMessage message = LeadMessages.parse(LeadJson.toBytes(lead()));

            assertThat(message.leadId()).isEqualTo("lead-1");
            assertThat(message.version()).isEqualTo(2);
            assertThat(message.district()).isEqualTo("jingkai");
            assertThat(message.priority()).isEqualTo(Lead.Priority.P1);
            assertThat(message.openedAt()).isEqualTo(Instant.ofEpochMilli(TEN));
            assertThat(message.dueBy()).isEqualTo(Instant.ofEpochMilli(TEN + 4 * HOUR));
            assertThat(message.alertIds()).containsExactly("alert-1", "alert-2");
            var stored = MAPPER.readTree(message.json());
            assertThat(stored.has("schema")).isFalse();
            assertThat(stored.get("openedAt").asText()).isEqualTo("2026-11-27T10:00:00+08:00");
            assertThat(stored.get("evidence")).hasSize(1);
        }

        @Test
        void refusesAnotherSchema() throws Exception {
            byte[] payload = edited(LeadJson.toBytes(lead()), json -> json.put("schema", "ecowatch.lead/2"));

            assertThatThrownBy(() -> LeadMessages.parse(payload)).hasMessageContaining("schema");
        }

        @Test
        void refusesAVersionBelowOne() throws Exception {
            byte[] payload = edited(LeadJson.toBytes(lead()), json -> json.put("version", 0));

            assertThatThrownBy(() -> LeadMessages.parse(payload)).hasMessageContaining("version");
        }

        @Test
        void refusesAnUnknownPriority() throws Exception {
            byte[] payload = edited(LeadJson.toBytes(lead()), json -> json.put("priority", "P0"));

            assertThatThrownBy(() -> LeadMessages.parse(payload)).hasMessageContaining("priority \"P0\"");
        }

        @Test
        void refusesATimeWithoutOffset() throws Exception {
            byte[] payload = edited(LeadJson.toBytes(lead()), json -> json.put("dueBy", "2026-11-27T14:00:00"));

            assertThatThrownBy(() -> LeadMessages.parse(payload)).hasMessageContaining("dueBy");
        }

        @Test
        void refusesALeadWithoutAlerts() throws Exception {
            byte[] payload = edited(LeadJson.toBytes(lead()), json -> json.putArray("alerts"));

            assertThatThrownBy(() -> LeadMessages.parse(payload)).hasMessageContaining("alerts");
        }

        @Test
        void refusesWhatIsNotJson() {
            assertThatThrownBy(() -> LeadMessages.parse("{\"schema\":".getBytes(StandardCharsets.UTF_8)))
                    .hasMessageStartingWith("not JSON");
            assertThatThrownBy(() -> LeadMessages.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                    .hasMessage("not a JSON object");
        }
    }

    @Nested
    class Alerts {
        final AlertMessages messages = new AlertMessages(registry());

        static Registry registry() {
            try {
                return ConfigLoader.load(Path.of("../configs/demo")).registry();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void readsTheAlertWithItsEnterprisesDistrictFromTheRegistry() throws Exception {
            AlertMessage message = messages.parse(AlertJson.toBytes(alert("ent-001")));

            assertThat(message.alertId()).isEqualTo("alert-1");
            assertThat(message.state()).isEqualTo(AlertState.ESCALATED);
            assertThat(message.severity()).isEqualTo("CRITICAL");
            assertThat(message.district()).isEqualTo(registry().enterprise("ent-001").orElseThrow().district());
            assertThat(message.startedAt()).isEqualTo(Instant.ofEpochMilli(TEN));
            assertThat(message.at()).isEqualTo(Instant.ofEpochMilli(TEN + HOUR));
            assertThat(MAPPER.readTree(message.json()).has("schema")).isFalse();
        }

        @Test
        void placesAnEnterpriseTheRegistryDoesNotKnowInNoDistrict() throws Exception {
            assertThat(messages.parse(AlertJson.toBytes(alert("ent-999"))).district()).isEqualTo("unassigned");
        }

        @Test
        void refusesAnUnknownState() throws Exception {
            byte[] payload = edited(AlertJson.toBytes(alert("ent-001")), json -> json.put("state", "CLOSED"));

            assertThatThrownBy(() -> messages.parse(payload)).hasMessageContaining("state \"CLOSED\"");
        }

        @Test
        void refusesALeadOnTheAlertsTopic() {
            assertThatThrownBy(() -> messages.parse(LeadJson.toBytes(lead()))).hasMessageContaining("schema");
        }
    }
}
