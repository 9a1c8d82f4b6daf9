package org.ecowatch.analytics.rules;

import org.ecowatch.analytics.anomaly.Severity;

/** The condition a key currently holds: its severity and when it began. Kept so signals go out only on change. */
public record Held(Severity severity, long since) {}
