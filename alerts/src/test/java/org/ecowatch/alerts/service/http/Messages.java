package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
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

/**
 * Lead and alert messages as the pipeline publishes them (written by {@link LeadJson} and {@link AlertJson}, in
 * Changsha's offset) and as the intake hands them to the store (without {@code schema}), for the demo registry.
 */
final class Messages {
    static final String ZONE = "Asia/Shanghai";
    /** Event time: 10:00 in Changsha. */
    static final Instant TEN = Instant.parse("2026-11-27T02:00:00Z");

    private Messages() {}

    static LeadMessage lead(String leadId, int version, String enterpriseId, String district, Lead.Priority priority,
            Instant openedAt, Duration due, List<String> alertIds) {
        Lead lead = new Lead(leadId, version, enterpriseId, "企业 " + enterpriseId, district, priority,
                Lead.Action.ONSITE_INSPECTION, "EXCEEDANCE", openedAt.toEpochMilli(),
                openedAt.plus(due).toEpochMilli(), alertIds,
                List.of(new Evidence("ww-01", "w01018", openedAt.toEpochMilli(), 162.0, "N")),
                enterpriseId + ": w01018 at ww-01 is 162.0 against the limit 100.0, version " + version, false, ZONE);
        ObjectNode json = LeadJson.toJson(lead);
        json.remove("schema");
        return new LeadMessage(leadId, version, enterpriseId, district, priority, "EXCEEDANCE", openedAt,
                openedAt.plus(due), alertIds, json.toString());
    }

    static AlertMessage alert(String alertId, AlertState state, String rule, Severity severity, String enterpriseId,
            String district, String deviceId, Instant startedAt, Instant at) {
        Alert alert = new Alert(alertId, state, rule, severity, enterpriseId, deviceId,
                rule.equals("OFFLINE") ? null : "w01018", startedAt.toEpochMilli(), at.toEpochMilli(),
                rule.equals("OFFLINE") ? Double.NaN : 162.0, rule.equals("OFFLINE") ? null : 100.0, "PT1H",
                List.of(), rule + " at " + deviceId, false, List.of(), ZONE);
        ObjectNode json = AlertJson.toJson(alert);
        json.remove("schema");
        return new AlertMessage(alertId, state, rule, severity.name(), enterpriseId, district, deviceId,
                alert.metric(), startedAt, at, json.toString());
    }
}
