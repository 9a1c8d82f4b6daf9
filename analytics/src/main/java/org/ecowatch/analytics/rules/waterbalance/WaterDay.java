package org.ecowatch.analytics.rules.waterbalance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.ingest.reading.Reading;

/**
 * The water balance of one local day so far: volumes taken in and discharged (m3, from counter differences),
 * whether each side was measured at all, whether production ran, and evidence: for every meter the counter reading
 * its first difference of the day started from and its latest one, plus the first reading that showed production
 * running.
 *
 * <p>Public only because Flink serializes state records as POJOs only when they are public.
 */
public record WaterDay(long start, long end, double intake, double discharge, boolean intakeMeasured, boolean dischargeMeasured,
        boolean productionRan, List<Evidence> baselines, List<Evidence> latest, Evidence running) {

    static WaterDay between(long start, long end) {
        return new WaterDay(start, end, 0, 0, false, false, false, List.of(), List.of(), null);
    }

    /** {@code volume} m3 more through a meter, counted from {@code from} to {@code to}. */
    WaterDay with(boolean isIntake, double volume, Reading from, Reading to) {
        List<Evidence> base = new ArrayList<>(baselines);
        if (base.stream().noneMatch(e -> e.deviceId().equals(from.deviceId()))) {
            base.add(Evidence.of(from));
        }
        List<Evidence> last = new ArrayList<>(latest);
        last.removeIf(e -> e.deviceId().equals(to.deviceId()));
        last.add(Evidence.of(to));
        return new WaterDay(start, end, intake + (isIntake ? volume : 0), discharge + (isIntake ? 0 : volume),
                intakeMeasured || isIntake, dischargeMeasured || !isIntake, productionRan, List.copyOf(base),
                List.copyOf(last), running);
    }

    WaterDay running(Reading r) {
        return productionRan ? this : new WaterDay(start, end, intake, discharge, intakeMeasured, dischargeMeasured, true,
                baselines, latest, Evidence.of(r));
    }

    /** Counter readings at both ends of the day's differences and the proof of production, in time order. */
    List<Evidence> evidence() {
        List<Evidence> all = new ArrayList<>(baselines);
        all.addAll(latest);
        if (running != null) {
            all.add(running);
        }
        all.sort(Comparator.comparingLong(Evidence::ts));
        return all.size() <= Anomaly.MAX_EVIDENCE ? all : all.subList(0, Anomaly.MAX_EVIDENCE);
    }
}
