package org.ecowatch.analytics.anomaly;

/** CONTRACT §4 severities, lowest first, so that {@code compareTo} orders them. */
public enum Severity { INFO, WARNING, MAJOR, CRITICAL }
