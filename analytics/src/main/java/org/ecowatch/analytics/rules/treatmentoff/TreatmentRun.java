package org.ecowatch.analytics.rules.treatmentoff;

import java.util.List;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.rules.EvidenceSample;
import org.ecowatch.ingest.reading.Reading;

/**
 * An unbroken stretch in which production runs while treatment idles: since when it idles, since when it is off
 * ({@link #NOT_OFF} while it is merely idling), and evidence of both sides sampled separately, so that neither
 * meter's readings crowd out the other's.
 *
 * <p>Public only because Flink serializes state records as POJOs only when they are public.
 */
public record TreatmentRun(long idleSince, long offSince, EvidenceSample production, EvidenceSample treatment) {
    static final long NOT_OFF = Long.MIN_VALUE;

    static TreatmentRun startingAt(long time) {
        return new TreatmentRun(time, NOT_OFF, EvidenceSample.empty(), EvidenceSample.empty());
    }

    boolean isOff() {
        return offSince != NOT_OFF;
    }

    TreatmentRun off(long time) {
        return isOff() ? this : new TreatmentRun(idleSince, time, production, treatment);
    }

    TreatmentRun notOff() {
        return new TreatmentRun(idleSince, NOT_OFF, production, treatment);
    }

    TreatmentRun with(Reading r, boolean fromProduction) {
        return fromProduction ? new TreatmentRun(idleSince, offSince, production.with(r), treatment)
                : new TreatmentRun(idleSince, offSince, production, treatment.with(r));
    }

    /** Half the evidence from each side (evenly spread), in time order. */
    List<Evidence> evidence() {
        return EvidenceSample.bothSides(production, treatment);
    }
}
