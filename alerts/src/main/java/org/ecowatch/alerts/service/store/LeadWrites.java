package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Storing lead versions from the pipeline. The stored row is read {@code FOR UPDATE} first, so that two writers of
 * the same lead take turns: the second sees what the first committed. When there is no row yet both may insert;
 * the loser's unique-key violation makes {@link Transactions} run it again, and it then finds the winner's row.
 */
final class LeadWrites {

    private LeadWrites() {}

    static UpsertResult upsert(Connection connection, LeadMessage lead, Instant receivedAt) throws SQLException {
        Integer storedVersion = lockedVersion(connection, lead.leadId());
        if (storedVersion == null) {
            insert(connection, lead, receivedAt);
            return recorded(connection, lead, receivedAt, LeadHistory.PUBLISHED, UpsertResult.INSERTED);
        }
        if (lead.version() == storedVersion) {
            return UpsertResult.UNCHANGED;
        }
        if (lead.version() < storedVersion) {
            return UpsertResult.STALE;
        }
        replace(connection, lead, receivedAt);
        return recorded(connection, lead, receivedAt, LeadHistory.UPDATED, UpsertResult.UPDATED);
    }

    private static Integer lockedVersion(Connection connection, String leadId) throws SQLException {
        return Sql.list(connection, "SELECT version FROM leads WHERE lead_id = ? FOR UPDATE", List.of(leadId),
                row -> row.getInt(1)).stream().findFirst().orElse(null);
    }

    private static void insert(Connection connection, LeadMessage lead, Instant receivedAt) throws SQLException {
        Sql.update(connection, "INSERT INTO leads (lead_id, version, enterprise_id, district, priority, category, "
                        + "opened_at, due_by, message, status, received_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                lead.leadId(), lead.version(), lead.enterpriseId(), lead.district(), lead.priority(), lead.category(),
                lead.openedAt(), lead.dueBy(), lead.json(), LeadStatus.NEW, receivedAt, receivedAt);
        insertAlertIds(connection, lead);
    }

    /** The pipeline's columns only: status, acceptedBy and the outcome are the officers'. */
    private static void replace(Connection connection, LeadMessage lead, Instant receivedAt) throws SQLException {
        Sql.update(connection, "UPDATE leads SET version = ?, enterprise_id = ?, district = ?, priority = ?, "
                        + "category = ?, opened_at = ?, due_by = ?, message = ?, updated_at = ? WHERE lead_id = ?",
                lead.version(), lead.enterpriseId(), lead.district(), lead.priority(), lead.category(),
                lead.openedAt(), lead.dueBy(), lead.json(), receivedAt, lead.leadId());
        Sql.update(connection, "DELETE FROM lead_alerts WHERE lead_id = ?", lead.leadId());
        insertAlertIds(connection, lead);
    }

    private static void insertAlertIds(Connection connection, LeadMessage lead) throws SQLException {
        List<String> alertIds = List.copyOf(new LinkedHashSet<>(lead.alertIds()));
        if (alertIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO lead_alerts (lead_id, alert_id, position) VALUES (?, ?, ?)")) {
            for (int i = 0; i < alertIds.size(); i++) {
                statement.setString(1, lead.leadId());
                statement.setString(2, alertIds.get(i));
                statement.setInt(3, i);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static UpsertResult recorded(Connection connection, LeadMessage lead, Instant receivedAt, String action,
                                         UpsertResult result) throws SQLException {
        LeadHistory.append(connection, lead.leadId(), receivedAt, LeadHistory.PIPELINE, action, lead.version(), null,
                null);
        ChangeLog.append(connection, ChangeLog.LEAD, lead.leadId(), lead.district(), receivedAt);
        return result;
    }
}
