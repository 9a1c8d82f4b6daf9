package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Counts over leads and alerts: per-rule precision, confirmed violations, leads by status. */
final class Statistics {

    private Statistics() {}

    /** One rule's count of alerts, or of leads with their outcomes. */
    private record Counts(String rule, long count, long withOutcome, long confirmed) {}

    /**
     * Per rule, sorted by rule. {@code alerts}: the rule's alerts in the district that started in [from, to).
     * {@code leads}: leads of the district opened in [from, to) that hold one of the rule's alerts. A lead holds the
     * rules of its stored alerts and always its category (the rule of its most severe alert), so it counts for its
     * category also before its alerts have arrived on their own topic; UNION counts a lead once per rule.
     */
    static List<RuleStatistics> perRule(Connection connection, String district, Instant from, Instant to)
            throws SQLException {
        Where alerts = new Where().equal("district", district).atOrAfter("started_at", from).before("started_at", to);
        Map<String, Counts> alertsByRule = byRule(Sql.list(connection,
                "SELECT rule, COUNT(*) FROM alerts" + alerts.sql() + " GROUP BY rule", alerts.values(),
                row -> new Counts(row.getString(1), row.getLong(2), 0, 0)));

        Where leads = new Where().equal("l.district", district).atOrAfter("l.opened_at", from).before("l.opened_at", to);
        String leadRules = "SELECT l.lead_id, l.category AS rule, l.outcome FROM leads l" + leads.sql()
                + " UNION SELECT l.lead_id, a.rule, l.outcome FROM leads l"
                + " JOIN lead_alerts la ON la.lead_id = l.lead_id JOIN alerts a ON a.alert_id = la.alert_id"
                + leads.sql();
        List<Object> values = new ArrayList<>(leads.values());
        values.addAll(leads.values());
        Map<String, Counts> leadsByRule = byRule(Sql.list(connection, "SELECT rule, COUNT(*), "
                        + "SUM(CASE WHEN outcome IS NOT NULL THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN outcome = 'CONFIRMED_VIOLATION' THEN 1 ELSE 0 END) "
                        + "FROM (" + leadRules + ") lead_rules GROUP BY rule", values,
                row -> new Counts(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4))));

        SortedSet<String> rules = new TreeSet<>(alertsByRule.keySet());
        rules.addAll(leadsByRule.keySet());
        Counts none = new Counts(null, 0, 0, 0);
        return rules.stream().map(rule -> {
            Counts leadCounts = leadsByRule.getOrDefault(rule, none);
            return new RuleStatistics(rule, alertsByRule.getOrDefault(rule, none).count(), leadCounts.count(),
                    leadCounts.withOutcome(), leadCounts.confirmed());
        }).toList();
    }

    private static Map<String, Counts> byRule(List<Counts> counts) {
        return counts.stream().collect(Collectors.toMap(Counts::rule, Function.identity()));
    }

    /** Oldest report first; {@code since} null: all of them. */
    static List<ConfirmedViolation> confirmedViolations(Connection connection, String enterpriseId, Instant since)
            throws SQLException {
        Where where = new Where().equal("enterprise_id", enterpriseId).equal("outcome", Outcome.CONFIRMED_VIOLATION)
                .atOrAfter("outcome_at", since);
        return Sql.list(connection, "SELECT lead_id, enterprise_id, opened_at, outcome_at FROM leads" + where.sql()
                        + " ORDER BY outcome_at, lead_id", where.values(),
                row -> new ConfirmedViolation(row.getString("lead_id"), row.getString("enterprise_id"),
                        Sql.instant(row, "opened_at"), Sql.instant(row, "outcome_at")));
    }

    /** Every status, 0 where there is no lead. */
    static Map<LeadStatus, Long> leadsByStatus(Connection connection) throws SQLException {
        Map<LeadStatus, Long> counts = new EnumMap<>(LeadStatus.class);
        for (LeadStatus status : LeadStatus.values()) {
            counts.put(status, 0L);
        }
        Sql.list(connection, "SELECT status, COUNT(*) FROM leads GROUP BY status", List.of(),
                row -> counts.put(LeadStatus.valueOf(row.getString(1)), row.getLong(2)));
        return counts;
    }
}
