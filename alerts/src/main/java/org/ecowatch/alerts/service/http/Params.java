package org.ecowatch.alerts.service.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query parameters of one request, checked as they are read: a parameter the endpoint does not take, a value
 * that is not one of its values, a time that is not ISO-8601 or a limit out of range is a 400 naming the parameter
 * (a typo such as {@code statuss=NEW} would otherwise silently list everything).
 */
final class Params {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final Map<String, List<String>> values;

    Params(Map<String, List<String>> values, Collection<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw ApiError.invalidParameter(name, known.isEmpty()
                        ? "unknown parameter " + name + "; this endpoint takes none"
                        : "unknown parameter " + name + "; this endpoint takes " + String.join(", ", known));
            }
        }
        this.values = values;
    }

    static Params of(Context ctx, String... known) {
        return new Params(ctx.queryParamMap(), List.of(known));
    }

    /** A parameter given at most once, not empty. */
    Optional<String> single(String name) {
        List<String> given = values.getOrDefault(name, List.of());
        if (given.size() > 1) {
            throw ApiError.invalidParameter(name, name + " may be given only once");
        }
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String value = given.get(0).strip();
        if (value.isEmpty()) {
            throw ApiError.invalidParameter(name, name + " is empty; give a value or leave it out");
        }
        return Optional.of(value);
    }

    /** A parameter given at most once whose value must be one of {@code allowed}. */
    Optional<String> oneOf(String name, Collection<String> allowed) {
        Optional<String> value = single(name);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw ApiError.invalidParameter(name, name + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** A repeatable parameter of enum values ({@code status=NEW&status=ACCEPTED}, or {@code status=NEW,ACCEPTED}). */
    <E extends Enum<E>> Set<E> enums(String name, Class<E> type) {
        Set<E> result = EnumSet.noneOf(type);
        Set<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String value : values.getOrDefault(name, List.of())) {
            for (String item : value.split(",", -1)) {
                if (!names.contains(item.strip())) {
                    throw ApiError.invalidParameter(name, name + " must be one of " + String.join(", ", names));
                }
                result.add(Enum.valueOf(type, item.strip()));
            }
        }
        return result;
    }

    /**
     * An ISO-8601 time with an offset. A {@code +} written unencoded in a query string arrives as a space
     * (form encoding); the only space a valid time can hold is that one, so it is read back as {@code +}.
     */
    Optional<Instant> time(String name) {
        Optional<String> value = single(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().replace(' ', '+');
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter(name, name + " must be an ISO-8601 time with an offset, e.g. "
                    + "2026-11-27T08:00:00+08:00 (write + as %2B in a URL)");
        }
    }

    /** {@code from} and {@code to}, checked to make a non-empty range. */
    TimeRange timeRange() {
        Instant from = time("from").orElse(null);
        Instant to = time("to").orElse(null);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiError.invalidParameter("to", "to must be after from");
        }
        return new TimeRange(from, to);
    }

    /** {@code limit}: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when not given. */
    int limit() {
        return integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    }

    /** {@code offset}: 0 or more, 0 when not given. */
    int offset() {
        return integer("offset", 0, Integer.MAX_VALUE, 0);
    }

    private int integer(String name, int min, int max, int fallback) {
        Optional<String> value = single(name);
        if (value.isEmpty()) {
            return fallback;
        }
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.invalidParameter(name, name + " must be a whole number " + range);
    }

    /** [from, to) on a time; null ends are open. */
    record TimeRange(Instant from, Instant to) {}
}
