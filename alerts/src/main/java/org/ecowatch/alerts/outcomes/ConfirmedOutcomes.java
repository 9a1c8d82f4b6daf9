package org.ecowatch.alerts.outcomes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The confirmed violations of one enterprise, as the lead service last published them ({@code ecowatch.outcomes/1},
 * docs/LEADS.md): the complete list, which replaces the previous one. Also the lead builder's broadcast state, one per
 * enterprise (public so Flink serializes it as a POJO).
 */
public record ConfirmedOutcomes(String enterpriseId, List<ConfirmedOutcome> confirmed) {

    public ConfirmedOutcomes {
        confirmed = confirmed == null ? List.of() : List.copyOf(confirmed);
    }

    /**
     * Whether an incident of this enterprise that opens at {@code openedAt} repeats one of these violations: one whose
     * incident opened in the {@code window} before it and that had been confirmed by then. Both on the incidents'
     * clock, so a replay of recorded data decides as the live run did; a violation confirmed only after the new
     * incident began does not count, as it would not have when the lead was first built. The incident the lead
     * itself stands for (same {@code openedAt}) is never its own repeat.
     */
    public boolean makeRepeat(long openedAt, Duration window) {
        Instant start = Instant.ofEpochMilli(openedAt);
        Instant from = start.minus(window);
        return confirmed.stream().anyMatch(c -> c.openedAt().isBefore(start) && !c.openedAt().isBefore(from)
                && !c.reportedAt().isAfter(start));
    }
}
