package org.ecowatch.alerts.service.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;

/** Alerts and leads of the demo registry as the pipeline would publish them, with ids derived from their content. */
final class Incidents {
    static final String ZONE = "Asia/Shanghai";

    private Incidents() {}

    /** An alert state change; {@code limit} null for rules without one (OFFLINE, TREATMENT_OFF). */
    static Alert alert(String enterpriseId, String deviceId, String metric, String rule, Severity severity,
            AlertState state, Instant startedAt, Instant at, double observed, Double limit) {
        String id = uuid("alert/" + rule + "/" + enterpriseId + "/" + deviceId + "/" + metric + "/" + startedAt);
        List<Evidence> evidence = new ArrayList<>();
        if (metric != null) {
            for (int i = 0; i < 3; i++) {
                evidence.add(new Evidence(deviceId, metric, startedAt.plus(Duration.ofMinutes(10L * i)).toEpochMilli(),
                        observed * (0.97 + 0.02 * i), "N"));
            }
        }
        String what = metric == null ? deviceId : metric + " at " + deviceId;
        return new Alert(id, state, rule, severity, enterpriseId, deviceId, metric, startedAt.toEpochMilli(),
                at.toEpochMilli(), observed, limit, limit == null ? null : "PT1H", evidence,
                rule + " at " + enterpriseId + "/" + what + " " + state.name().toLowerCase(), false, List.of(), ZONE);
    }

    /** A lead of the incident the alerts make, its category the first alert's rule. */
    static Lead lead(String enterpriseId, Lead.Priority priority, Lead.Action action, Instant openedAt, Duration due,
            int version, List<Alert> alerts) {
        Enterprise enterprise = RunningLeadService.DEMO.registry().enterprise(enterpriseId).orElseThrow();
        Alert top = alerts.get(0);
        List<Evidence> evidence = alerts.stream().flatMap(a -> a.evidence().stream()).limit(10).toList();
        String summary = enterprise.name() + " (" + enterpriseId + "): " + top.rule()
                + (top.metric() == null ? " at " + top.deviceId() : " " + top.metric() + " at " + top.deviceId()
                        + " is " + top.observed() + " against the limit " + top.limit())
                + " since " + openedAt + "; " + alerts.size() + " alert" + (alerts.size() > 1 ? "s" : "") + ".";
        return new Lead(uuid("lead/" + enterpriseId + "/" + openedAt), version, enterpriseId, enterprise.name(),
                enterprise.district(), priority, action, top.rule(), openedAt.toEpochMilli(),
                openedAt.plus(due).toEpochMilli(), alerts.stream().map(Alert::alertId).toList(), evidence, summary, false,
                ZONE);
    }

    /** The district of an enterprise and an officer of another district. */
    static String officerOutside(String district) {
        return RunningLeadService.DEMO.registry().districts().stream().filter(d -> !d.id().equals(district))
                .map(District::officers).findFirst().orElseThrow().get(0).id();
    }

    static String officerOf(String district) {
        return RunningLeadService.DEMO.registry().districts().stream().filter(d -> d.id().equals(district))
                .map(District::officers).findFirst().orElseThrow().get(0).id();
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
