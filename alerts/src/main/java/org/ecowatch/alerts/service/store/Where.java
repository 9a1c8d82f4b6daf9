package org.ecowatch.alerts.service.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The {@code WHERE} clause of a query with optional filters: a null or empty filter adds nothing. */
final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    Where equal(String column, Object value) {
        return value == null ? this : add(column + " = ?", value);
    }

    Where in(String column, Collection<?> anyOf) {
        if (anyOf == null || anyOf.isEmpty()) {
            return this;
        }
        conditions.add(column + " IN (" + Sql.placeholders(anyOf.size()) + ")");
        values.addAll(anyOf);
        return this;
    }

    Where atOrAfter(String column, Object value) {
        return value == null ? this : add(column + " >= ?", value);
    }

    Where before(String column, Object value) {
        return value == null ? this : add(column + " < ?", value);
    }

    /** A condition without parameters, always applied when {@code when} holds. */
    Where when(boolean when, String condition) {
        if (when) {
            conditions.add(condition);
        }
        return this;
    }

    private Where add(String condition, Object value) {
        conditions.add(condition);
        values.add(value);
        return this;
    }

    /** {@code " WHERE a = ? AND b IN (?, ?)"}, or {@code ""} when nothing filters. */
    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The values of the parameters, in order. */
    List<Object> values() {
        return values;
    }
}
