package org.ecowatch.alerts.lifecycle;

import org.ecowatch.analytics.anomaly.Anomaly;

/**
 * A quality-rule condition that began to hold inside a maintenance window (state of {@link AlertLifecycle}; public
 * for Flink's POJO serializer): no alert while the window covers it; if it still holds when the window ends, the
 * alert opens then.
 *
 * @param signal the latest holding signal
 * @param until  the end of the maintenance (of adjoining windows, the last one's end)
 */
public record Deferred(Anomaly signal, long until) {}
