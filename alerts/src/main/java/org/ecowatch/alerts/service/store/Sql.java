package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Running statements, binding and reading values the same way on H2 and PostgreSQL. */
final class Sql {

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Sql() {}

    /** Runs a query with {@code values}; one element per row. */
    static <T> List<T> list(Connection connection, String sql, List<?> values, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            List<T> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(mapper.map(row));
                }
            }
            return rows;
        }
    }

    /** The first column of the first row of a query, e.g. a {@code COUNT(*)}. */
    static long count(Connection connection, String sql, List<?> values) throws SQLException {
        return list(connection, sql, values, row -> row.getLong(1)).get(0);
    }

    /** Runs an insert, update or delete with {@code values}; returns the row count. */
    static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, Arrays.asList(values));
            return statement.executeUpdate();
        }
    }

    /**
     * An instant as the database keeps it: both keep microseconds, so a finer instant is cut here, before it is
     * stored or compared with a stored one (the databases would round it: a replay would then not match).
     */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Binds strings, numbers, enums (by name), instants (as UTC timestamps) and null text, from parameter 1 on. */
    static void bind(PreparedStatement statement, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            int index = i + 1;
            Object value = values.get(i);
            if (value instanceof Instant instant) {
                statement.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof Enum<?> constant) {
                statement.setString(index, constant.name());
            } else if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else {
                statement.setString(index, (String) value);
            }
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** {@code ?, ?, ?} for an {@code IN} list of {@code count} values. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
