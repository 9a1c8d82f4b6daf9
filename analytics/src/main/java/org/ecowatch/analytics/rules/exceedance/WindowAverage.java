package org.ecowatch.analytics.rules.exceedance;

import org.ecowatch.analytics.rules.EvidenceSample;
import org.ecowatch.ingest.reading.Reading;

/**
 * The running average of one averaging window: valid values weighted by the time each covers, and the covered
 * time that decides whether the window is valid.
 */
public record WindowAverage(long start, double weightedSum, long coveredMillis, EvidenceSample evidence) {

    static WindowAverage startingAt(long start) {
        return new WindowAverage(start, 0, 0, EvidenceSample.empty());
    }

    WindowAverage with(Reading r, long covers) {
        return new WindowAverage(start, weightedSum + r.value() * covers, coveredMillis + covers, evidence.with(r));
    }

    double average() {
        return weightedSum / coveredMillis;
    }
}
