package org.ecowatch.analytics.rules.waterbalance;

import java.util.List;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.rules.EvidenceSample;
import org.ecowatch.ingest.reading.Reading;

/**
 * An unbroken stretch of zero discharge flow while water flows in: since when, and the flow readings of both sides.
 * Public only because Flink serializes state records as POJOs only when they are public.
 */
public record ZeroDischargeRun(long since, EvidenceSample intake, EvidenceSample discharge) {

    static ZeroDischargeRun startingAt(long time) {
        return new ZeroDischargeRun(time, EvidenceSample.empty(), EvidenceSample.empty());
    }

    ZeroDischargeRun with(Reading r, boolean isIntake) {
        return isIntake ? new ZeroDischargeRun(since, intake.with(r), discharge)
                : new ZeroDischargeRun(since, intake, discharge.with(r));
    }

    /** Half the evidence from each side (evenly spread), in time order. */
    List<Evidence> evidence() {
        return EvidenceSample.bothSides(intake, discharge);
    }
}
