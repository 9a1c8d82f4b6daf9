package org.ecowatch.alerts.service.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ecowatch.alerts.leads.Lead.Priority;
import org.ecowatch.alerts.message.AlertState;

/** Lead and alert messages for store tests, at named instants of one morning (UTC; 10:00 in Changsha). */
final class Fixtures {

    /** Event times: when the incident started and the alerts changed. */
    static final Instant TEN = Instant.parse("2026-11-27T02:00:00Z");
    static final Instant ELEVEN = TEN.plus(Duration.ofHours(1));
    static final Instant NOON = TEN.plus(Duration.ofHours(2));

    /** Service clock: when the service stored messages and when officers acted. */
    static final Instant RECEIVED = Instant.parse("2026-11-27T02:01:13.204Z");
    static final Instant RECEIVED_AGAIN = RECEIVED.plusSeconds(60);
    static final Instant ACCEPTED_AT = Instant.parse("2026-11-27T02:20:41.733Z");
    static final Instant REPUBLISHED_AT = Instant.parse("2026-11-27T02:44:02.118Z");
    static final Instant REPORTED_AT = Instant.parse("2026-11-27T04:10:55.500Z");
    static final Instant CLOSED_AT = Instant.parse("2026-11-27T05:00:00Z");

    private Fixtures() {}

    static LeadBuilder lead(String leadId) {
        return new LeadBuilder(leadId);
    }

    static AlertBuilder alert(String alertId) {
        return new AlertBuilder(alertId);
    }

    static final class LeadBuilder {
        private final String leadId;
        private int version = 1;
        private String enterpriseId = "ent-001";
        private String district = "north";
        private Priority priority = Priority.P2;
        private String category = "EXCEEDANCE";
        private Instant openedAt = TEN;
        private Instant dueBy;
        private List<String> alertIds = List.of("alert-1");

        private LeadBuilder(String leadId) {
            this.leadId = leadId;
        }

        LeadBuilder version(int version) {
            this.version = version;
            return this;
        }

        LeadBuilder enterprise(String enterpriseId) {
            this.enterpriseId = enterpriseId;
            return this;
        }

        LeadBuilder district(String district) {
            this.district = district;
            return this;
        }

        LeadBuilder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        LeadBuilder category(String category) {
            this.category = category;
            return this;
        }

        LeadBuilder openedAt(Instant openedAt) {
            this.openedAt = openedAt;
            return this;
        }

        LeadBuilder dueBy(Instant dueBy) {
            this.dueBy = dueBy;
            return this;
        }

        LeadBuilder alerts(String... alertIds) {
            this.alertIds = List.of(alertIds);
            return this;
        }

        LeadMessage build() {
            Instant due = dueBy != null ? dueBy : openedAt.plus(Duration.ofHours(4));
            String json = "{\"leadId\":\"%s\",\"version\":%d,\"enterpriseId\":\"%s\",\"district\":\"%s\",\"priority\":\"%s\","
                    .formatted(leadId, version, enterpriseId, district, priority)
                    + "\"category\":\"%s\",\"openedAt\":\"%s\",\"dueBy\":\"%s\",\"summary\":\"某造纸有限公司 v%d\"}"
                    .formatted(category, openedAt, due, version);
            return new LeadMessage(leadId, version, enterpriseId, district, priority, category, openedAt, due, alertIds,
                    json);
        }
    }

    static final class AlertBuilder {
        private final String alertId;
        private AlertState state = AlertState.OPENED;
        private String rule = "EXCEEDANCE";
        private String severity = "MAJOR";
        private String enterpriseId = "ent-001";
        private String district = "north";
        private Instant startedAt = TEN;
        private Instant at;

        private AlertBuilder(String alertId) {
            this.alertId = alertId;
        }

        AlertBuilder state(AlertState state) {
            this.state = state;
            return this;
        }

        AlertBuilder rule(String rule) {
            this.rule = rule;
            return this;
        }

        AlertBuilder severity(String severity) {
            this.severity = severity;
            return this;
        }

        AlertBuilder enterprise(String enterpriseId) {
            this.enterpriseId = enterpriseId;
            return this;
        }

        AlertBuilder district(String district) {
            this.district = district;
            return this;
        }

        AlertBuilder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        AlertBuilder at(Instant at) {
            this.at = at;
            return this;
        }

        AlertMessage build() {
            Instant changedAt = at != null ? at : startedAt;
            String json = ("{\"alertId\":\"%s\",\"state\":\"%s\",\"rule\":\"%s\",\"severity\":\"%s\",\"enterpriseId\":\"%s\","
                    + "\"deviceId\":\"ww-01\",\"metric\":\"w01018\",\"startedAt\":\"%s\",\"at\":\"%s\"}")
                    .formatted(alertId, state, rule, severity, enterpriseId, startedAt, changedAt);
            return new AlertMessage(alertId, state, rule, severity, enterpriseId, district, "ww-01", "w01018", startedAt,
                    changedAt, json);
        }
    }
}
