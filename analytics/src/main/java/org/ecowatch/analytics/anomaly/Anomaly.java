package org.ecowatch.analytics.anomaly;

import java.util.List;

/**
 * A condition signal: what a rule emits when its condition starts to hold, changes severity, or stops holding for
 * one key. It is not an alert: the alert lifecycle turns signals into episodes (clear duration, flapping,
 * maintenance windows). Every time is event time (epoch ms), so a replay yields the same signals.
 *
 * @param rule         the rule's CONTRACT §4 name, e.g. {@code EXCEEDANCE}
 * @param metric       null for rules about a whole device or enterprise
 * @param at           the event time of this change (for an averaged rule, the end of the judged window)
 * @param since        the event time the condition began (the start of the evidence that proves it); for a clear
 *                     signal, the start of the clear window
 * @param holds        true: the condition holds from now; false: it is clear (by the rule's hysteresis) from now
 * @param severity     the severity while holding; for a clear signal, the severity it held before
 * @param observed     the value the rule judged (an average, a duration in minutes …, see docs/RULES.md); NaN when none
 * @param limit        the value it was compared with; null when the rule has none
 * @param windowMillis the length of the judged window or of the duration the condition held, 0 when none
 * @param evidence     at most {@link #MAX_EVIDENCE} readings, in time order (down-sampled evenly when more)
 */
public record Anomaly(
        String rule,
        String enterpriseId,
        String deviceId,
        String metric,
        long at,
        long since,
        boolean holds,
        Severity severity,
        double observed,
        Double limit,
        long windowMillis,
        String message,
        List<Evidence> evidence) {

    public static final int MAX_EVIDENCE = 20;

    public Anomaly {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        if (evidence.size() > MAX_EVIDENCE) {
            throw new IllegalArgumentException("at most " + MAX_EVIDENCE + " evidence readings, got " + evidence.size());
        }
    }

    /** {@code enterpriseId/deviceId/metric} (metric omitted when null): the key the lifecycle groups signals by. */
    public String conditionKey() {
        return enterpriseId + "/" + deviceId + (metric == null ? "" : "/" + metric) + "/" + rule;
    }
}
