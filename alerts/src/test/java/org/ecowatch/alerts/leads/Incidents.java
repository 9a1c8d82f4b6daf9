package org.ecowatch.alerts.leads;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;

/**
 * Three enterprises in China time and alerts as the lifecycle publishes them: a paper mill that is a key unit, a
 * dye works on the positive list, and an ordinary (general, not positive-list) plating shop.
 */
final class Incidents {
    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    static final String MILL = "ent-001", DYE = "ent-002", PLATING = "ent-003";
    static final String OUTLET = "ww-01", COD = "w01018";
    static final long MINUTE = 60_000, HOUR = 3_600_000;
    /** 2026-11-27 09:00 China time. */
    static final long NINE = Instant.parse("2026-11-27T01:00:00Z").toEpochMilli();

    private Incidents() {}

    static DetectionConfig config() {
        Registry registry = new Registry(List.of(new District("north", "北片区", List.of()),
                new District("south", "南片区", List.of())),
                List.of(enterprise(MILL, "某造纸有限公司", "north", Enterprise.Supervision.KEY, false),
                        enterprise(DYE, "某印染有限公司", "south", Enterprise.Supervision.GENERAL, true),
                        enterprise(PLATING, "某电镀厂", "south", Enterprise.Supervision.GENERAL, false)),
                List.of());
        Thresholds thresholds = new Thresholds(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
        return new DetectionConfig(registry, thresholds, RuleParameters.defaults(), CST);
    }

    private static Enterprise enterprise(String id, String name, String district, Enterprise.Supervision supervision,
            boolean positiveList) {
        Device outlet = new Device(OUTLET, Device.Kind.WASTEWATER_OUTLET, List.of(COD), Duration.ofMinutes(1), null, null,
                false, null, null, null);
        return new Enterprise(id, name, district, "paper", supervision, positiveList, null, null, null, List.of(outlet));
    }

    /** An alert message of {@code rule} on the outlet's COD (metric null for device- and enterprise-wide rules). */
    static Alert alert(String enterprise, String rule, AlertState state, Severity severity, long startedAt, long at) {
        boolean metricRule = !List.of("OFFLINE", "TREATMENT_OFF", "WATER_BALANCE").contains(rule);
        String metric = metricRule ? COD : null;
        String id = rule + "@" + enterprise + "@" + startedAt;
        double observed = rule.equals("EXCEEDANCE") ? (severity == Severity.CRITICAL ? 162.0 : 131.4) : 35.0;
        Double limit = rule.equals("EXCEEDANCE") ? 100.0 : null;
        List<Evidence> evidence = List.of(new Evidence(OUTLET, COD, startedAt, observed, "N"),
                new Evidence(OUTLET, COD, startedAt + 30 * MINUTE, observed, "N"));
        return new Alert(id, state, rule, severity, enterprise, OUTLET, metric, startedAt, at, observed, limit, "PT1H",
                evidence, rule + " at " + enterprise + "/" + OUTLET, false, List.of(), CST.getId());
    }

    static Alert opened(String enterprise, String rule, Severity severity, long startedAt, long at) {
        return alert(enterprise, rule, AlertState.OPENED, severity, startedAt, at);
    }

    static Alert escalated(Alert opened, Severity severity, long at) {
        return alert(opened.enterpriseId(), opened.rule(), AlertState.ESCALATED, severity, opened.startedAt(), at);
    }

    static Alert resolved(Alert opened, long at) {
        return alert(opened.enterpriseId(), opened.rule(), AlertState.RESOLVED, opened.severity(), opened.startedAt(), at);
    }
}
