package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code changes} table: one row per stored lead or alert change, read by every replica's event stream.
 *
 * <p>Sequence numbers come from the one row of {@code change_counter}. Incrementing it locks the row until the
 * transaction ends, so of two writers the second gets the next number only after the first has committed: changes
 * become visible in the order of their numbers, and a reader that has seen number n has seen every number below.
 * Append is therefore the last statement of a transaction, so the lock is held for as short a time as possible.
 */
final class ChangeLog {

    static final String LEAD = "lead";
    static final String ALERT = "alert";

    private ChangeLog() {}

    /** Appends a change; call it last in the transaction. Returns its sequence number. */
    static long append(Connection connection, String kind, String refId, String district, Instant at)
            throws SQLException {
        Sql.update(connection, "UPDATE change_counter SET seq = seq + 1 WHERE id = 1");
        long seq = counter(connection);
        Sql.update(connection, "INSERT INTO changes (seq, kind, ref_id, district, at) VALUES (?, ?, ?, ?, ?)",
                seq, kind, refId, district, at);
        return seq;
    }

    static List<Change> after(Connection connection, long afterSeq, int limit) throws SQLException {
        return Sql.list(connection, "SELECT seq, kind, ref_id, district, at FROM changes WHERE seq > ? ORDER BY seq "
                        + "FETCH FIRST ? ROWS ONLY", List.of(afterSeq, limit),
                row -> new Change(row.getLong("seq"), row.getString("kind"), row.getString("ref_id"),
                        row.getString("district"), Sql.instant(row, "at")));
    }

    /** The last sequence number handed out (committed), also when its change has been purged; 0 before the first. */
    static long counter(Connection connection) throws SQLException {
        return Sql.count(connection, "SELECT seq FROM change_counter WHERE id = 1", List.of());
    }

    static int purgeBefore(Connection connection, Instant before) throws SQLException {
        return Sql.update(connection, "DELETE FROM changes WHERE at < ?", before);
    }
}
