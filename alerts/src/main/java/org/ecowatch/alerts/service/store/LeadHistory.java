package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The {@code lead_history} table: a lead's full-process record, append-only. */
final class LeadHistory {

    /** The actor of versions published by the pipeline. */
    static final String PIPELINE = "pipeline";
    static final String PUBLISHED = "PUBLISHED";
    static final String UPDATED = "UPDATED";

    private LeadHistory() {}

    static void append(Connection connection, String leadId, Instant at, String actor, String action, int version,
                       Outcome outcome, String note) throws SQLException {
        Sql.update(connection, "INSERT INTO lead_history (lead_id, at, actor, action, version, outcome, note) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", leadId, at, actor, action, version, outcome, note);
    }

    /** Oldest first, in the order written. */
    static List<HistoryEntry> of(Connection connection, String leadId) throws SQLException {
        return Sql.list(connection, "SELECT at, actor, action, version, outcome, note FROM lead_history "
                        + "WHERE lead_id = ? ORDER BY id", List.of(leadId),
                row -> new HistoryEntry(Sql.instant(row, "at"), row.getString("actor"), row.getString("action"),
                        row.getInt("version"), Sql.enumOrNull(Outcome.class, row.getString("outcome")),
                        row.getString("note")));
    }
}
