package org.ecowatch.analytics.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecowatch.configs.ConfigProblem;

/**
 * Reads the raw parameters of one rule ({@code rules.<RULE>} in thresholds.yaml), falling back to the default
 * for an omitted parameter and recording every bad value as a {@link ConfigProblem} instead of stopping at the first.
 */
final class ParameterReader {
    static final String FILE = "thresholds.yaml";
    /** Parameters every rule may carry that the alert lifecycle (module alerts) reads and validates, not the rule. */
    static final Set<String> LIFECYCLE_PARAMETERS = Set.of("clearDuration");

    private final String rule;
    private final Map<String, Object> raw;
    private final List<ConfigProblem> problems;
    private final Set<String> known = new LinkedHashSet<>();

    ParameterReader(String rule, Map<String, Object> raw, List<ConfigProblem> problems) {
        this.rule = rule;
        this.raw = raw;
        this.problems = problems;
    }

    /** A positive ISO-8601 duration such as {@code PT15M}. */
    Duration duration(String param, Duration fallback) {
        known.add(param);
        Object value = raw.get(param);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String text) {
            try {
                Duration d = Duration.parse(text.trim());
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
                problem(param, "`" + text + "` is not longer than zero", "write a positive ISO-8601 duration such as "
                        + iso(fallback));
                return fallback;
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problem(param, describe(value) + " is not an ISO-8601 duration",
                "write a duration such as " + iso(fallback) + " (PT30S, PT15M, PT4H, P1D)");
        return fallback;
    }

    /** A number strictly between {@code low} and {@code high} (either bound may be infinite). */
    double number(String param, double fallback, double low, double high, String meaning) {
        known.add(param);
        Object value = raw.get(param);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            double d = n.doubleValue();
            if (d > low && d < high) {
                return d;
            }
        }
        problem(param, describe(value) + " is not " + meaning, "write " + meaning + ", e.g. " + fallback);
        return fallback;
    }

    /** A whole number of at least {@code min}. */
    int count(String param, int fallback, int min) {
        known.add(param);
        Object value = raw.get(param);
        if (value == null) {
            return fallback;
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= min
                && ((Number) value).longValue() <= Integer.MAX_VALUE) {
            return ((Number) value).intValue();
        }
        problem(param, describe(value) + " is not a whole number of at least " + min,
                "write a whole number such as " + fallback);
        return fallback;
    }

    /** Reports every parameter written that this rule does not have (a misspelling would silently use the default). */
    void rejectUnknown() {
        for (String param : raw.keySet()) {
            if (!known.contains(param) && !LIFECYCLE_PARAMETERS.contains(param)) {
                problem(param, "unknown parameter of " + rule,
                        "remove it or use one of " + String.join(", ", known));
            }
        }
    }

    private void problem(String param, String what, String fix) {
        problems.add(new ConfigProblem(FILE, "rules." + rule + "." + param, what, fix));
    }

    private static String describe(Object value) {
        return value instanceof String s ? "the text \"" + s + "\"" : value instanceof Number ? "the number " + value
                : value instanceof List<?> ? "a list" : value instanceof Map<?, ?> ? "a mapping" : String.valueOf(value);
    }

    private static String iso(Duration d) {
        return d.toString();
    }

    static List<ConfigProblem> newProblems() {
        return new ArrayList<>();
    }
}
