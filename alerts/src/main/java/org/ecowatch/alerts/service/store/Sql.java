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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Binding and reading values the same way on H2 and PostgreSQL. */
final class Sql {

    private Sql() {}

    /**
     * An instant as the database keeps it: both keep microseconds, so a finer instant is cut here, before it is
     * stored or compared with a stored one (PostgreSQL would round it, H2 too: a replay would then not match).
     */
    static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Binds {@code values} from parameter 1 on: strings, numbers, instants (as UTC timestamps) and nulls of text. */
    static void bind(PreparedStatement statement, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            bind(statement, i + 1, values.get(i));
        }
    }

    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
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

    static void bindInstantOrNull(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            bind(statement, index, instant);
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

    /** Runs an insert, update or delete with {@code values}; returns the row count. */
    static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, Arrays.asList(values));
            return statement.executeUpdate();
        }
    }
}
