package org.ecowatch.analytics.rules.instrumentflag;

import org.ecowatch.analytics.rules.EvidenceSample;
import org.ecowatch.ingest.reading.Reading;

/**
 * The time one key spent flagged M or C on one local day.
 *
 * @param epochDay the local day ({@link java.time.LocalDate#toEpochDay()}) in the enterprise's zone
 * @param firstAt  the first M/C reading of the day
 * @param millis   the time the day's M/C readings cover
 * @param reported whether the day's budget was already reported as exceeded (once a day is enough)
 */
public record MaintenanceDay(long epochDay, long firstAt, long millis, boolean reported, EvidenceSample evidence) {

    static MaintenanceDay of(long epochDay, Reading r, long covers) {
        return new MaintenanceDay(epochDay, r.ts(), covers, false, EvidenceSample.empty().with(r));
    }

    MaintenanceDay with(Reading r, long covers) {
        return new MaintenanceDay(epochDay, firstAt, millis + covers, reported, evidence.with(r));
    }

    MaintenanceDay reportedNow() {
        return new MaintenanceDay(epochDay, firstAt, millis, true, evidence);
    }
}
