package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecowatch.alerts.leads.Lead;

/** Reading leads: one by id, and pages of a {@link LeadQuery}. */
final class LeadReads {

    private static final String COLUMNS = "lead_id, version, enterprise_id, district, priority, category, opened_at, "
            + "due_by, message, status, accepted_by, outcome, outcome_note, received_at, updated_at";

    /** Most urgent first (docs/API.md; P1 < P2 < P3 as text); lead_id last so that paging is stable. */
    private static final String URGENCY = " ORDER BY priority, due_by, opened_at, lead_id";

    private LeadReads() {}

    static Optional<LeadRecord> lead(Connection connection, String leadId) throws SQLException {
        List<LeadRecord> found = select(connection, "SELECT " + COLUMNS + " FROM leads WHERE lead_id = ?", List.of(leadId));
        return found.stream().findFirst();
    }

    static Page<LeadRecord> page(Connection connection, LeadQuery query) throws SQLException {
        Where where = new Where()
                .equal("district", query.district())
                .in("status", query.statuses())
                .in("priority", query.priorities())
                .equal("enterprise_id", query.enterpriseId())
                .atOrAfter("opened_at", query.from())
                .before("opened_at", query.to());
        long total = Sql.count(connection, "SELECT COUNT(*) FROM leads" + where.sql(), where.values());
        List<Object> values = new ArrayList<>(where.values());
        values.add(query.offset());
        values.add(query.limit());
        List<LeadRecord> leads = select(connection, "SELECT " + COLUMNS + " FROM leads" + where.sql() + URGENCY
                + " OFFSET ? ROWS FETCH FIRST ? ROWS ONLY", values);
        return new Page<>(leads, total);
    }

    private static List<LeadRecord> select(Connection connection, String sql, List<Object> values) throws SQLException {
        List<Row> rows = Sql.list(connection, sql, values, Row::of);
        Map<String, List<String>> alertIds = alertIds(connection, rows.stream().map(Row::leadId).toList());
        return rows.stream().map(row -> row.record(alertIds.getOrDefault(row.leadId(), List.of()))).toList();
    }

    /** The alert ids of each lead, in the order they joined it. */
    private static Map<String, List<String>> alertIds(Connection connection, List<String> leadIds) throws SQLException {
        Map<String, List<String>> byLead = new HashMap<>();
        if (!leadIds.isEmpty()) {
            Sql.list(connection, "SELECT lead_id, alert_id FROM lead_alerts WHERE lead_id IN ("
                    + Sql.placeholders(leadIds.size()) + ") ORDER BY lead_id, position", leadIds,
                    row -> byLead.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(row.getString(2)));
        }
        return byLead;
    }

    /** One row of {@code leads}, waiting for its alert ids. */
    private record Row(String leadId, int version, String enterpriseId, String district, Lead.Priority priority,
                       String category, Instant openedAt, Instant dueBy, String json,
                       LeadStatus status, String acceptedBy, Outcome outcome, String outcomeNote,
                       Instant receivedAt, Instant updatedAt) {

        static Row of(ResultSet row) throws SQLException {
            return new Row(row.getString("lead_id"), row.getInt("version"), row.getString("enterprise_id"),
                    row.getString("district"), Lead.Priority.valueOf(row.getString("priority")),
                    row.getString("category"), Sql.instant(row, "opened_at"), Sql.instant(row, "due_by"),
                    row.getString("message"), LeadStatus.valueOf(row.getString("status")),
                    row.getString("accepted_by"), Sql.enumOrNull(Outcome.class, row.getString("outcome")),
                    row.getString("outcome_note"), Sql.instant(row, "received_at"), Sql.instant(row, "updated_at"));
        }

        LeadRecord record(List<String> alertIds) {
            LeadMessage message = new LeadMessage(leadId, version, enterpriseId, district, priority, category,
                    openedAt, dueBy, alertIds, json);
            return new LeadRecord(message, status, acceptedBy, outcome, outcomeNote, receivedAt, updatedAt);
        }
    }
}
