package org.ecowatch.alerts.service.store;

/**
 * How a rule fares: alerts it raised, leads holding one of its alerts, of those how many got an outcome and how
 * many were confirmed.
 */
public record RuleStatistics(String rule, long alerts, long leads, long withOutcome, long confirmed) {

    /** Confirmed ÷ leads with an outcome; null before the first outcome. */
    public Double precision() {
        return withOutcome == 0 ? null : (double) confirmed / withOutcome;
    }
}
