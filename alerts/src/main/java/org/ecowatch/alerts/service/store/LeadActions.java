package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Officers' actions on a lead. Each reads the lead's row {@code FOR UPDATE} and changes it only from the status it
 * requires ({@code UPDATE … WHERE status = ?}): of two concurrent actions the second waits for the first, sees its
 * status and fails with {@link InvalidTransition}.
 */
final class LeadActions {

    private LeadActions() {}

    static LeadRecord accept(Connection connection, String leadId, String actor, String note, Instant at)
            throws SQLException {
        Locked lead = lock(connection, leadId, LeadStatus.NEW, "accept");
        moved(connection, Sql.update(connection, "UPDATE leads SET status = ?, accepted_by = ?, updated_at = ? "
                + "WHERE lead_id = ? AND status = ?", LeadStatus.ACCEPTED, actor, at, leadId, LeadStatus.NEW), lead);
        return recorded(connection, lead, actor, "ACCEPTED", null, note, at);
    }

    static LeadRecord reportOutcome(Connection connection, String leadId, String actor, Outcome outcome, String note,
                                    Instant at) throws SQLException {
        Locked lead = lock(connection, leadId, LeadStatus.ACCEPTED, "reporting an outcome");
        moved(connection, Sql.update(connection, "UPDATE leads SET status = ?, outcome = ?, outcome_note = ?, outcome_at = ?, "
                        + "updated_at = ? WHERE lead_id = ? AND status = ?",
                LeadStatus.OUTCOME_REPORTED, outcome, note, at, at, leadId, LeadStatus.ACCEPTED), lead);
        return recorded(connection, lead, actor, "OUTCOME_REPORTED", outcome, note, at);
    }

    static LeadRecord close(Connection connection, String leadId, String actor, String note, Instant at)
            throws SQLException {
        Locked lead = lock(connection, leadId, LeadStatus.OUTCOME_REPORTED, "close");
        moved(connection, Sql.update(connection, "UPDATE leads SET status = ?, updated_at = ? WHERE lead_id = ? AND status = ?",
                LeadStatus.CLOSED, at, leadId, LeadStatus.OUTCOME_REPORTED), lead);
        return recorded(connection, lead, actor, "CLOSED", null, note, at);
    }

    /** The lead's row, locked until the transaction ends. */
    private record Locked(String leadId, LeadStatus status, int version, String district, String action,
                          LeadStatus allowedFrom) {}

    private static Locked lock(Connection connection, String leadId, LeadStatus allowedFrom, String action)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT status, version, district FROM leads WHERE lead_id = ? FOR UPDATE")) {
            statement.setString(1, leadId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new LeadNotFound(leadId);
                }
                Locked lead = new Locked(leadId, LeadStatus.valueOf(row.getString("status")), row.getInt("version"),
                        row.getString("district"), action, allowedFrom);
                if (lead.status() != allowedFrom) {
                    throw new InvalidTransition(leadId, lead.status(), action, allowedFrom);
                }
                return lead;
            }
        }
    }

    /**
     * The conditional update must have found the row in the status the lock saw. It always does where the lock
     * holds (both databases here); should a database not lock, the status test still lets only one action win.
     */
    private static void moved(Connection connection, int rows, Locked lead) throws SQLException {
        if (rows != 1) {
            LeadStatus now = LeadReads.lead(connection, lead.leadId()).map(LeadRecord::status).orElseThrow();
            throw new InvalidTransition(lead.leadId(), now, lead.action(), lead.allowedFrom());
        }
    }

    private static LeadRecord recorded(Connection connection, Locked lead, String actor, String action,
                                       Outcome outcome, String note, Instant at) throws SQLException {
        LeadHistory.append(connection, lead.leadId(), at, actor, action, lead.version(), outcome, note);
        LeadRecord record = LeadReads.lead(connection, lead.leadId()).orElseThrow();
        ChangeLog.append(connection, ChangeLog.LEAD, lead.leadId(), lead.district(), at);
        return record;
    }
}
