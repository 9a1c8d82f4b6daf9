package org.ecowatch.alerts.lifecycle;

import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.ConfigProblem;
import org.ecowatch.configs.Thresholds;

/**
 * The alert lifecycle's parameters. {@code clearDuration} may be written per rule under {@code rules.<RULE>} in
 * thresholds.yaml; flapping uses DOMAIN.md's fixed numbers. docs/ALERTS.md documents each and its default.
 *
 * @param clearDurations the {@code clearDuration} written per rule; a rule not named here uses {@link #clearDuration}'s default
 * @param flapResolves   an episode opening after this many resolves of its key within {@code flapWindow} is flapping
 * @param flapWindow     how far back resolves count toward flapping; a flapping episode resolves only after the
 *                       condition has been clear at least this long
 */
public record LifecycleParameters(Map<String, Duration> clearDurations, int flapResolves, Duration flapWindow)
        implements Serializable {

    public static final String CLEAR_DURATION = "clearDuration";
    /** The clear duration of rules that do not judge a window, and of a window rule whose signal names none: product default. */
    public static final Duration DEFAULT_CLEAR = Duration.ofMinutes(15);
    /** "Opens and resolves more than 3 times in 2 hours" (DOMAIN.md). */
    public static final int FLAP_RESOLVES = 3;
    public static final Duration FLAP_WINDOW = Duration.ofHours(2);
    /** Rules that judge a window: by default their alert resolves after one more window without the condition. */
    static final Set<String> WINDOW_RULES = Set.of("EXCEEDANCE", "EARLY_WARNING");

    public LifecycleParameters {
        clearDurations = Map.copyOf(clearDurations);
        if (flapResolves < 1 || flapWindow.isNegative() || flapWindow.isZero()) {
            throw new IllegalArgumentException("flapping needs at least one resolve in a positive window");
        }
    }

    public static LifecycleParameters defaults() {
        return new LifecycleParameters(Map.of(), FLAP_RESOLVES, FLAP_WINDOW);
    }

    /** The {@code clearDuration} written for each rule in thresholds.yaml; every bad value reported at once. */
    public static LifecycleParameters from(Thresholds thresholds) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Duration> clear = new LinkedHashMap<>();
        for (String rule : Thresholds.RULE_NAMES) {
            Object value = thresholds.ruleParameters(rule).get(CLEAR_DURATION);
            if (value == null) {
                continue;
            }
            Duration d = positiveDuration(value);
            if (d == null) {
                problems.add(new ConfigProblem("thresholds.yaml", "rules." + rule + "." + CLEAR_DURATION,
                        (value instanceof String s ? "the text \"" + s + "\"" : String.valueOf(value))
                                + " is not a positive ISO-8601 duration",
                        "write a duration such as PT15M or PT1H"));
            } else {
                clear.put(rule, d);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new LifecycleParameters(clear, FLAP_RESOLVES, FLAP_WINDOW);
    }

    private static Duration positiveDuration(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            Duration d = Duration.parse(text.trim());
            return d.isNegative() || d.isZero() ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * How long the condition must stay clear before its alert resolves: the rule's {@code clearDuration}; by default,
     * for a rule that judges a window (EXCEEDANCE, EARLY_WARNING), that window ({@code windowMillis} of the clear
     * signal), so one more judged window must pass without the condition; otherwise {@link #DEFAULT_CLEAR}.
     */
    public Duration clearDuration(String rule, long windowMillis) {
        Duration written = clearDurations.get(rule);
        if (written != null) {
            return written;
        }
        return WINDOW_RULES.contains(rule) && windowMillis > 0 ? Duration.ofMillis(windowMillis) : DEFAULT_CLEAR;
    }
}
