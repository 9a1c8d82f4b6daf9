package org.ecowatch.analytics.rules.zerovalue;

import org.ecowatch.analytics.rules.EvidenceSample;
import org.ecowatch.ingest.reading.Reading;

/**
 * A run of one metric's readings at or below zero while the outlet flows. Only the time between two such readings
 * in a row counts ({@code countedMillis}): a flagged reading or an unknown flow in between pauses the run (that
 * stretch is not counted, but the run goes on), so flagged data never makes a run long enough, and a few flagged
 * readings do not hide a long one.
 *
 * @param last    the time of the run's latest counting reading
 * @param paused  whether something that does not count came after {@code last}
 * @param highest the highest value of the run (at most 0)
 */
public record ZeroRun(long start, long last, long countedMillis, boolean paused, double highest, EvidenceSample evidence) {

    static ZeroRun of(Reading r) {
        return new ZeroRun(r.ts(), r.ts(), 0, false, r.value(), EvidenceSample.empty().with(r));
    }

    /** The run extended by {@code r}; the step since {@link #last} counts unless paused or longer than {@code maxStepMillis}. */
    ZeroRun with(Reading r, long maxStepMillis) {
        long step = r.ts() - last;
        long counted = countedMillis + (!paused && step <= maxStepMillis ? step : 0);
        return new ZeroRun(start, r.ts(), counted, false, Math.max(highest, r.value()), evidence.with(r));
    }

    ZeroRun pause() {
        return paused ? this : new ZeroRun(start, last, countedMillis, true, highest, evidence);
    }
}
