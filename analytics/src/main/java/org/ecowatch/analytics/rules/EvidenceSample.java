package org.ecowatch.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.ingest.reading.Reading;

/**
 * An evenly spread, bounded sample of a run of readings, built one reading at a time without knowing the run's
 * length: it keeps every {@code stride}-th reading and, when full, drops every other one and doubles the stride.
 * Deterministic, so a replay yields the same evidence.
 */
public record EvidenceSample(int stride, long seen, List<Evidence> kept) {

    public static EvidenceSample empty() {
        return new EvidenceSample(1, 0, List.of());
    }

    public EvidenceSample with(Reading r) {
        if (seen % stride != 0) {
            return new EvidenceSample(stride, seen + 1, kept);
        }
        List<Evidence> next = new ArrayList<>(kept);
        next.add(Evidence.of(r));
        int nextStride = stride;
        if (next.size() > Anomaly.MAX_EVIDENCE) {
            List<Evidence> halved = new ArrayList<>();
            for (int i = 0; i < next.size(); i += 2) {
                halved.add(next.get(i));
            }
            next = halved;
            nextStride = stride * 2;
        }
        return new EvidenceSample(nextStride, seen + 1, List.copyOf(next));
    }

    /** At most {@link Anomaly#MAX_EVIDENCE} of {@code all}, evenly spread, first and order kept. */
    public static List<Evidence> spread(List<Evidence> all) {
        return spread(all, Anomaly.MAX_EVIDENCE);
    }

    /** At most {@code max} of {@code all}, evenly spread, first and order kept. */
    public static List<Evidence> spread(List<Evidence> all, int max) {
        if (all.size() <= max) {
            return List.copyOf(all);
        }
        List<Evidence> picked = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            picked.add(all.get((int) ((long) i * all.size() / max)));
        }
        return picked;
    }

    /** Half the evidence from each of two samples (two devices' readings), evenly spread, in time order. */
    public static List<Evidence> bothSides(EvidenceSample one, EvidenceSample other) {
        List<Evidence> both = new ArrayList<>(spread(one.kept(), Anomaly.MAX_EVIDENCE / 2));
        both.addAll(spread(other.kept(), Anomaly.MAX_EVIDENCE / 2));
        both.sort(java.util.Comparator.comparingLong(Evidence::ts));
        return both;
    }
}
