package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Officers' actions on a lead. Each reads the lead's row {@code FOR UPDATE} before it checks the status: of two
 * concurrent actions the second waits until the first has committed, then sees the new status and fails with
 * {@link InvalidTransition}.
 */
final class LeadActions {

    private LeadActions() {}

    static LeadRecord accept(Connection connection, String leadId, String actor, String note, Instant at)
            throws SQLException {
        Locked lead = lock(connection, leadId, LeadStatus.NEW, "accept");
        Sql.update(connection, "UPDATE leads SET status = ?, accepted_by = ?, updated_at = ? WHERE lead_id = ?",
                LeadStatus.ACCEPTED, actor, at, leadId);
        return recorded(connection, lead, actor, "ACCEPTED", null, note, at);
    }

    static LeadRecord reportOutcome(Connection connection, String leadId, String actor, Outcome outcome, String note,
                                    Instant at) throws SQLException {
        Locked lead = lock(connection, leadId, LeadStatus.ACCEPTED, "reporting an outcome");
        Sql.update(connection, "UPDATE leads SET status = ?, outcome = ?, outcome_note = ?, outcome_at = ?, "
                + "updated_at = ? WHERE lead_id = ?", LeadStatus.OUTCOME_REPORTED, outcome, note, at, at, leadId);
        return recorded(connection, lead, actor, "OUTCOME_REPORTED", outcome, note, at);
    }

    static LeadRecord close(Connection connection, String leadId, String actor, String note, Instant at)
            throws SQLException {
        Locked lead = lock(connection, leadId, LeadStatus.OUTCOME_REPORTED, "close");
        Sql.update(connection, "UPDATE leads SET status = ?, updated_at = ? WHERE lead_id = ?",
                LeadStatus.CLOSED, at, leadId);
        return recorded(connection, lead, actor, "CLOSED", null, note, at);
    }

    /** The lead's row, locked until the transaction ends, in the status the action requires. */
    private record Locked(String leadId, int version, String district) {}

    private static Locked lock(Connection connection, String leadId, LeadStatus allowedFrom, String action)
            throws SQLException {
        record Row(LeadStatus status, Locked lead) {}
        Row row = Sql.list(connection, "SELECT status, version, district FROM leads WHERE lead_id = ? FOR UPDATE",
                        List.of(leadId), r -> new Row(LeadStatus.valueOf(r.getString("status")),
                                new Locked(leadId, r.getInt("version"), r.getString("district"))))
                .stream().findFirst().orElseThrow(() -> new LeadNotFound(leadId));
        if (row.status() != allowedFrom) {
            throw new InvalidTransition(leadId, row.status(), action, allowedFrom);
        }
        return row.lead();
    }

    private static LeadRecord recorded(Connection connection, Locked lead, String actor, String action,
                                       Outcome outcome, String note, Instant at) throws SQLException {
        LeadHistory.append(connection, lead.leadId(), at, actor, action, lead.version(), outcome, note);
        LeadRecord record = LeadReads.lead(connection, lead.leadId()).orElseThrow();
        ChangeLog.append(connection, ChangeLog.LEAD, lead.leadId(), lead.district(), at);
        return record;
    }
}
