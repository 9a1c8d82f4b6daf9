package org.ecowatch.alerts.lifecycle;

import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;

/**
 * The open alert episode of one condition key (state of {@link AlertLifecycle}; public so Flink serializes it as a
 * POJO).
 *
 * @param severity  the highest severity the episode has reached (it never falls within an episode)
 * @param flapping  opened after too many recent resolves: resolves only after a longer clear time
 * @param resolveAt the event time the episode resolves unless the condition holds again first; 0 when not clearing
 * @param clear     the signal that started the pending resolve; null when not clearing
 */
public record Episode(String alertId, long startedAt, Severity severity, boolean flapping, long resolveAt, Anomaly clear) {

    boolean clearing() {
        return resolveAt != 0;
    }

    Episode escalatedTo(Severity higher) {
        return new Episode(alertId, startedAt, higher, flapping, resolveAt, clear);
    }

    Episode resolvingAt(long time, Anomaly clearSignal) {
        return new Episode(alertId, startedAt, severity, flapping, time, clearSignal);
    }

    Episode holdingAgain() {
        return new Episode(alertId, startedAt, severity, flapping, 0, null);
    }
}
