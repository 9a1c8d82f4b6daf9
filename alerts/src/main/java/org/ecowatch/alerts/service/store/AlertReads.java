package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecowatch.alerts.message.AlertState;

/** Reading alerts: by id, by a list of ids, pages of an {@link AlertQuery}, and an alert's own history. */
final class AlertReads {

    private static final String COLUMNS = "alert_id, state, rule, severity, enterprise_id, district, device_id, "
            + "metric, started_at, at, message, updated_at";

    /** Newest change first; alert_id last so that paging is stable. */
    private static final String NEWEST_FIRST = " ORDER BY at DESC, alert_id";

    private AlertReads() {}

    /** The stored ones among {@code alertIds}, in the order asked. */
    static List<AlertRecord> byIds(Connection connection, Collection<String> alertIds) throws SQLException {
        List<String> ids = List.copyOf(new LinkedHashSet<>(alertIds));
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, AlertRecord> found = select(connection, "SELECT " + COLUMNS + " FROM alerts WHERE alert_id IN ("
                + Sql.placeholders(ids.size()) + ")", List.copyOf(ids)).stream()
                .collect(Collectors.toMap(AlertRecord::alertId, Function.identity()));
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    static Page<AlertRecord> page(Connection connection, AlertQuery query) throws SQLException {
        Where where = new Where()
                .equal("district", query.district())
                .equal("enterprise_id", query.enterpriseId())
                .equal("rule", query.rule())
                .when(query.openOnly(), "state <> 'RESOLVED'");
        long total = Sql.count(connection, "SELECT COUNT(*) FROM alerts" + where.sql(), where.values());
        List<Object> values = new ArrayList<>(where.values());
        values.add(query.offset());
        values.add(query.limit());
        List<AlertRecord> alerts = select(connection, "SELECT " + COLUMNS + " FROM alerts" + where.sql() + NEWEST_FIRST
                + " OFFSET ? ROWS FETCH FIRST ? ROWS ONLY", values);
        return new Page<>(alerts, total);
    }

    /** Oldest first, by event time, then state order. */
    static List<AlertChange> changes(Connection connection, String alertId) throws SQLException {
        List<AlertChange> changes = new ArrayList<>(Sql.list(connection, "SELECT state, severity, at, received_at "
                        + "FROM alert_changes WHERE alert_id = ?", List.of(alertId),
                row -> new AlertChange(AlertState.valueOf(row.getString("state")), row.getString("severity"),
                        Sql.instant(row, "at"), Sql.instant(row, "received_at"))));
        changes.sort(Comparator.comparing(AlertChange::at).thenComparing(AlertChange::state));
        return changes;
    }

    private static List<AlertRecord> select(Connection connection, String sql, List<Object> values)
            throws SQLException {
        return Sql.list(connection, sql, values, row -> new AlertRecord(message(row), Sql.instant(row, "updated_at")));
    }

    private static AlertMessage message(ResultSet row) throws SQLException {
        return new AlertMessage(row.getString("alert_id"), AlertState.valueOf(row.getString("state")),
                row.getString("rule"), row.getString("severity"), row.getString("enterprise_id"),
                row.getString("district"), row.getString("device_id"), row.getString("metric"),
                Sql.instant(row, "started_at"), Sql.instant(row, "at"), row.getString("message"));
    }
}
