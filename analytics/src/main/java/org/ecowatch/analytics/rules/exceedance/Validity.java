package org.ecowatch.analytics.rules.exceedance;

import java.time.Duration;

/**
 * HJ 212-2017 App. D (after HJ/T 75) validity of an averaging window, approximated from covered time because
 * real-time data has no "valid minute" of its own: a reading covers its device's reporting interval, a minute or
 * 10-minute average its period.
 * <ul>
 *   <li>flue gas (and anything not wastewater): an hour is valid with ≥ 45 valid minutes → coverage ≥ 75 %;
 *       a day with ≥ 20 valid hours → coverage ≥ 20/24 for windows of a day or longer;</li>
 *   <li>wastewater ({@code w…} codes): an hour needs ≥ 1 valid 10-minute value → ≥ 10 covered minutes per hour of
 *       window (1/6 of it).</li>
 * </ul>
 */
final class Validity {
    private Validity() {}

    static long minimumCoveredMillis(String metric, Duration window) {
        long length = window.toMillis();
        if (metric.startsWith("w")) {
            return length / 6;
        }
        if (window.compareTo(Duration.ofDays(1)) >= 0) {
            return length * 20 / 24;
        }
        return length * 3 / 4;
    }
}
