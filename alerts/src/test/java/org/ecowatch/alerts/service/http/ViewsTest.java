package org.ecowatch.alerts.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.alerts.service.store.AlertRecord;
import org.ecowatch.alerts.service.store.HistoryEntry;
import org.ecowatch.alerts.service.store.LeadMessage;
import org.ecowatch.alerts.service.store.LeadRecord;
import org.ecowatch.alerts.service.store.LeadStatus;
import org.ecowatch.alerts.service.store.Outcome;
import org.ecowatch.analytics.anomaly.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ViewsTest {
    static final Instant RECEIVED = Instant.parse("2026-11-27T02:01:13.204Z");
    static final Instant ACCEPTED = Instant.parse("2026-11-27T02:20:41Z");
    static final LeadMessage MESSAGE = Messages.lead("lead-1", 2, "ent-001", "jingkai", Lead.Priority.P1,
            Messages.TEN, Duration.ofHours(4), List.of("alert-1", "alert-2"));

    static LeadRecord record(LeadStatus status, Outcome outcome) {
        return new LeadRecord(MESSAGE, status, "officer-01", outcome, outcome == null ? null : "valve open",
                RECEIVED, ACCEPTED);
    }

    @Nested
    class Leads {
        @Test
        void showTheMessageAsItCameThenTheHandling() {
            ObjectNode json = Views.lead(record(LeadStatus.ACCEPTED, null), Messages.TEN);

            assertThat(json.has("schema")).isFalse();
            assertThat(json.get("leadId").asText()).isEqualTo("lead-1");
            assertThat(json.get("openedAt").asText()).isEqualTo("2026-11-27T10:00:00+08:00");
            assertThat(json.get("dueBy").asText()).isEqualTo("2026-11-27T14:00:00+08:00");
            assertThat(json.get("repeat").asBoolean()).isFalse();
            assertThat(json.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(json.get("acceptedBy").asText()).isEqualTo("officer-01");
            assertThat(json.get("outcome").isNull()).isTrue();
            assertThat(json.get("receivedAt").asText()).isEqualTo("2026-11-27T02:01:13.204Z");
            assertThat(json.get("updatedAt").asText()).isEqualTo("2026-11-27T02:20:41.000Z");
            List<String> names = iterable(json.fieldNames());
            assertThat(names).startsWith("leadId", "version", "enterpriseId", "enterpriseName", "district");
            assertThat(names).endsWith("summary", "repeat", "status", "acceptedBy", "outcome", "outcomeNote",
                    "overdue", "receivedAt", "updatedAt");
        }

        @Test
        void areOverdueOnceDueByHasPassedWithoutAnOutcome() {
            Instant due = Messages.TEN.plus(Duration.ofHours(4));

            assertThat(Views.lead(record(LeadStatus.NEW, null), due).get("overdue").asBoolean()).isFalse();
            assertThat(Views.lead(record(LeadStatus.NEW, null), due.plusMillis(1)).get("overdue").asBoolean()).isTrue();
            assertThat(Views.lead(record(LeadStatus.OUTCOME_REPORTED, Outcome.NO_VIOLATION), due.plusSeconds(60))
                    .get("overdue").asBoolean()).isFalse();
        }

        @Test
        void listTheirAlertsInTheLeadsOrderWithMissingOnesAsNullState() {
            AlertRecord second = new AlertRecord(Messages.alert("alert-2", AlertState.ESCALATED, "EXCEEDANCE",
                    Severity.CRITICAL, "ent-001", "jingkai", "ww-01", Messages.TEN, Messages.TEN), RECEIVED);
            HistoryEntry published = new HistoryEntry(RECEIVED, "pipeline", "PUBLISHED", 1, null, null);

            ObjectNode json = Views.leadDetail(record(LeadStatus.NEW, null), Map.of("alert-2", second),
                    List.of(published), Messages.TEN);

            assertThat(json.get("alerts").get(0).toString()).isEqualTo("{\"alertId\":\"alert-1\",\"state\":null}");
            assertThat(json.get("alerts").get(1).get("state").asText()).isEqualTo("ESCALATED");
            assertThat(json.get("history").get(0).toString()).isEqualTo("{\"at\":\"2026-11-27T02:01:13.204Z\","
                    + "\"actor\":\"pipeline\",\"action\":\"PUBLISHED\",\"version\":1,\"outcome\":null,\"note\":null}");
        }
    }

    @Test
    void alertsCarryTheDistrictAfterTheEnterpriseAndWhenTheServiceStoredThem() {
        AlertRecord alert = new AlertRecord(Messages.alert("alert-1", AlertState.OPENED, "OFFLINE", Severity.MAJOR,
                "ent-004", "jingkai", "ww-01", Messages.TEN, Messages.TEN), RECEIVED);

        ObjectNode json = Views.alert(alert);

        assertThat(iterable(json.fieldNames())).startsWith("alertId", "state", "rule", "severity", "enterpriseId",
                "district", "deviceId").endsWith("updatedAt").doesNotContain("schema");
        assertThat(json.get("district").asText()).isEqualTo("jingkai");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-27T10:00:00+08:00");
        assertThat(json.get("observed").isNull()).isTrue();
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
