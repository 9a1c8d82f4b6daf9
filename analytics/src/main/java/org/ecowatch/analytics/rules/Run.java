package org.ecowatch.analytics.rules;

import org.ecowatch.ingest.reading.Reading;

/** An unbroken run of readings that share a property (flat, out of range, flagged …): its span, extremes, evidence. */
public record Run(long start, long last, double min, double max, EvidenceSample evidence) {

    public static Run of(Reading r) {
        return new Run(r.ts(), r.ts(), r.value(), r.value(), EvidenceSample.empty().with(r));
    }

    public Run with(Reading r) {
        return new Run(start, r.ts(), Math.min(min, r.value()), Math.max(max, r.value()), evidence.with(r));
    }

    public long lengthMillis() {
        return last - start;
    }
}
