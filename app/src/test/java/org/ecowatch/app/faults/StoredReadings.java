package org.ecowatch.app.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.ecowatch.app.faults.ReplayInput.Series;
import org.ecowatch.configs.Device;
import org.ecowatch.ingest.store.EmbeddedQuestDb;
import org.ecowatch.ingest.store.ReadingsTables;
import org.ecowatch.ingest.testing.SharedQuestDb;

/** What the readings store holds, read back over QuestDB's PostgreSQL wire. */
final class StoredReadings {
    /** Rows of one series, and how many distinct readings (timestamps) they are. */
    record Count(long rows, long distinct) {}

    private StoredReadings() {}

    /** Rows in every readings table. */
    static long total(EmbeddedQuestDb db) {
        long total = 0;
        for (Device.Kind kind : Device.Kind.values()) {
            total += SharedQuestDb.queryLong(db, "SELECT count() FROM " + ReadingsTables.measurement(kind));
        }
        return total;
    }

    /** Rows and distinct readings per series, in every readings table. */
    static Map<Series, Count> perSeries(EmbeddedQuestDb db) {
        Map<Series, Count> counts = new TreeMap<>();
        try (Connection connection = SharedQuestDb.connect(db); Statement statement = connection.createStatement()) {
            for (Device.Kind kind : Device.Kind.values()) {
                String table = ReadingsTables.measurement(kind);
                Map<Series, Long> distinct = new TreeMap<>();
                try (ResultSet rows = statement.executeQuery("SELECT enterprise, device, metric, count() FROM "
                        + "(SELECT DISTINCT enterprise, device, metric, kind, period, ts FROM " + table + ")")) {
                    while (rows.next()) {
                        distinct.put(new Series(table, rows.getString(1), rows.getString(2), rows.getString(3)), rows.getLong(4));
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT enterprise, device, metric, count() FROM " + table)) {
                    while (rows.next()) {
                        Series series = new Series(table, rows.getString(1), rows.getString(2), rows.getString(3));
                        counts.put(series, new Count(rows.getLong(4), distinct.getOrDefault(series, 0L)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the stored readings", e);
        }
        return counts;
    }

    /** The counts a store holding every reading of {@code expected} exactly once has. */
    static Map<Series, Count> exactlyOnce(Map<Series, Long> expected) {
        Map<Series, Count> counts = new TreeMap<>();
        expected.forEach((series, n) -> counts.put(series, new Count(n, n)));
        return counts;
    }
}
