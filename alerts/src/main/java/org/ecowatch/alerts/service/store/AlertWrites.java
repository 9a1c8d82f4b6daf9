package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.ecowatch.alerts.message.AlertState;

/**
 * Storing alert state changes. Every change not seen before goes into {@code alert_changes}, the alert's history,
 * even a late one; the {@code alerts} row and the change log follow only the latest change (by {@code at}, then
 * OPENED < ESCALATED < RESOLVED). As with leads, the alert's row is read {@code FOR UPDATE} first and a lost insert
 * race is run again by {@link Transactions}.
 */
final class AlertWrites {

    private AlertWrites() {}

    static UpsertResult upsert(Connection connection, AlertMessage alert, Instant receivedAt) throws SQLException {
        Latest stored = lockedLatest(connection, alert.alertId());
        Instant at = Sql.stored(alert.at());
        if (known(connection, alert.alertId(), alert.state(), at)) {
            return UpsertResult.UNCHANGED;
        }
        Sql.update(connection, "INSERT INTO alert_changes (alert_id, state, at, severity, received_at) "
                + "VALUES (?, ?, ?, ?, ?)", alert.alertId(), alert.state(), at, alert.severity(), receivedAt);
        UpsertResult result;
        if (stored == null) {
            insert(connection, alert, receivedAt);
            result = UpsertResult.INSERTED;
        } else if (stored.isBefore(at, alert.state())) {
            replace(connection, alert, receivedAt);
            result = UpsertResult.UPDATED;
        } else {
            return UpsertResult.STALE;
        }
        ChangeLog.append(connection, ChangeLog.ALERT, alert.alertId(), alert.district(), receivedAt);
        return result;
    }

    /** The stored alert's latest change. */
    private record Latest(Instant at, AlertState state) {
        boolean isBefore(Instant otherAt, AlertState otherState) {
            return at.isBefore(otherAt) || at.equals(otherAt) && state.compareTo(otherState) < 0;
        }
    }

    private static Latest lockedLatest(Connection connection, String alertId) throws SQLException {
        return Sql.list(connection, "SELECT at, state FROM alerts WHERE alert_id = ? FOR UPDATE", List.of(alertId),
                row -> new Latest(Sql.instant(row, "at"), AlertState.valueOf(row.getString("state"))))
                .stream().findFirst().orElse(null);
    }

    private static boolean known(Connection connection, String alertId, AlertState state, Instant at)
            throws SQLException {
        return !Sql.list(connection, "SELECT 1 FROM alert_changes WHERE alert_id = ? AND state = ? AND at = ?",
                List.of(alertId, state, at), row -> true).isEmpty();
    }

    private static void insert(Connection connection, AlertMessage alert, Instant receivedAt) throws SQLException {
        Sql.update(connection, "INSERT INTO alerts (alert_id, state, rule, severity, enterprise_id, district, "
                        + "device_id, metric, started_at, at, message, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                alert.alertId(), alert.state(), alert.rule(), alert.severity(), alert.enterpriseId(), alert.district(),
                alert.deviceId(), alert.metric(), alert.startedAt(), alert.at(), alert.json(), receivedAt);
    }

    private static void replace(Connection connection, AlertMessage alert, Instant receivedAt) throws SQLException {
        Sql.update(connection, "UPDATE alerts SET state = ?, rule = ?, severity = ?, enterprise_id = ?, district = ?, "
                        + "device_id = ?, metric = ?, started_at = ?, at = ?, message = ?, updated_at = ? "
                        + "WHERE alert_id = ?",
                alert.state(), alert.rule(), alert.severity(), alert.enterpriseId(), alert.district(),
                alert.deviceId(), alert.metric(), alert.startedAt(), alert.at(), alert.json(), receivedAt,
                alert.alertId());
    }
}
