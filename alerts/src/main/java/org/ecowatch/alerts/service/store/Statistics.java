package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts over leads and alerts: per-rule precision, confirmed violations, leads by status. */
final class Statistics {

    private Statistics() {}

    /**
     * Per rule, sorted by rule. {@code alerts}: the rule's alerts in the district that started in [from, to).
     * {@code leads}: leads of the district opened in [from, to) that hold one of the rule's alerts. A lead holds the
     * rules of its stored alerts and always its category (the rule of its most severe alert): so a lead counts for
     * its category also before its alerts have arrived on their own topic.
     */
    static List<RuleStatistics> perRule(Connection connection, String district, Instant from, Instant to)
            throws SQLException {
        Map<String, long[]> byRule = new TreeMap<>();
        Where alerts = new Where().equal("district", district).atOrAfter("started_at", from).before("started_at", to);
        query(connection, "SELECT rule, COUNT(*) FROM alerts" + alerts.sql() + " GROUP BY rule", alerts.values(),
                row -> byRule.computeIfAbsent(row.getString(1), rule -> new long[4])[0] = row.getLong(2));

        Where leads = new Where().equal("l.district", district).atOrAfter("l.opened_at", from).before("l.opened_at", to);
        List<Object> values = new ArrayList<>(leads.values());
        values.addAll(leads.values());
        String leadRules = "SELECT l.lead_id, l.category AS rule, l.outcome FROM leads l" + leads.sql()
                + " UNION SELECT l.lead_id, a.rule, l.outcome FROM leads l"
                + " JOIN lead_alerts la ON la.lead_id = l.lead_id JOIN alerts a ON a.alert_id = la.alert_id"
                + leads.sql();
        query(connection, "SELECT rule, COUNT(*), "
                        + "SUM(CASE WHEN outcome IS NOT NULL THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN outcome = 'CONFIRMED_VIOLATION' THEN 1 ELSE 0 END) "
                        + "FROM (" + leadRules + ") lead_rules GROUP BY rule", values,
                row -> {
                    long[] counts = byRule.computeIfAbsent(row.getString(1), rule -> new long[4]);
                    counts[1] = row.getLong(2);
                    counts[2] = row.getLong(3);
                    counts[3] = row.getLong(4);
                });
        List<RuleStatistics> rules = new ArrayList<>();
        byRule.forEach((rule, counts) -> rules.add(new RuleStatistics(rule, counts[0], counts[1], counts[2], counts[3])));
        return rules;
    }

    /** Oldest report first; {@code since} null: all of them. */
    static List<ConfirmedViolation> confirmedViolations(Connection connection, String enterpriseId, Instant since)
            throws SQLException {
        Where where = new Where().equal("enterprise_id", enterpriseId).equal("outcome", Outcome.CONFIRMED_VIOLATION)
                .atOrAfter("outcome_at", since);
        List<ConfirmedViolation> violations = new ArrayList<>();
        query(connection, "SELECT lead_id, enterprise_id, opened_at, outcome_at FROM leads" + where.sql()
                        + " ORDER BY outcome_at, lead_id", where.values(),
                row -> violations.add(new ConfirmedViolation(row.getString(1), row.getString(2),
                        Sql.instant(row, "opened_at"), Sql.instant(row, "outcome_at"))));
        return violations;
    }

    /** Every status, 0 where there is no lead. */
    static Map<LeadStatus, Long> leadsByStatus(Connection connection) throws SQLException {
        Map<LeadStatus, Long> counts = new EnumMap<>(LeadStatus.class);
        for (LeadStatus status : LeadStatus.values()) {
            counts.put(status, 0L);
        }
        query(connection, "SELECT status, COUNT(*) FROM leads GROUP BY status", List.of(),
                row -> counts.put(LeadStatus.valueOf(row.getString(1)), row.getLong(2)));
        return counts;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, List<Object> values, RowReader reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(statement, values);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    reader.read(row);
                }
            }
        }
    }
}
