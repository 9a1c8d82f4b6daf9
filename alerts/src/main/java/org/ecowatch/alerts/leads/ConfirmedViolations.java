package org.ecowatch.alerts.leads;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The violations officers have confirmed (outcome {@code CONFIRMED_VIOLATION}), which make a new lead of the same
 * enterprise a repeat (P1, DOMAIN.md). The job does not learn them yet: {@link #none()} is the default, and the lead
 * service will feed them later (e.g. from a compacted topic it publishes the outcomes on). Shipped inside the
 * {@link LeadBuilder}, so implementations must be serializable.
 */
@FunctionalInterface
public interface ConfirmedViolations extends Serializable {

    /** True when a violation of {@code enterpriseId} confirmed for an incident in {@code [from, to]} (epoch ms) is known. */
    boolean confirmedBetween(String enterpriseId, long from, long to);

    /** Nothing confirmed: no lead is a repeat. */
    static ConfirmedViolations none() {
        return (enterpriseId, from, to) -> false;
    }

    /** A fixed set: per enterprise, the times of its confirmed violations (the incidents' {@code openedAt}). */
    static ConfirmedViolations of(Map<String, ? extends Collection<Instant>> confirmed) {
        Map<String, List<Long>> times = new java.util.HashMap<>();
        confirmed.forEach((enterprise, at) -> times.put(enterprise, at.stream().map(Instant::toEpochMilli).toList()));
        return new Fixed(Map.copyOf(times));
    }

    /** The set-based form; a record so it serializes with the builder. */
    record Fixed(Map<String, List<Long>> times) implements ConfirmedViolations {
        @Override
        public boolean confirmedBetween(String enterpriseId, long from, long to) {
            return times.getOrDefault(enterpriseId, List.of()).stream().anyMatch(t -> t >= from && t <= to);
        }
    }
}
