package org.ecowatch.alerts.leads;

import java.util.List;
import org.ecowatch.analytics.anomaly.Evidence;

/**
 * One version of an inspection lead: the stream form of CONTRACT §5's {@code ecowatch.lead/1} message
 * ({@link LeadJson} writes it). A record of Flink-serializable fields (no Kryo). Times are event times (epoch ms).
 *
 * @param leadId   the same for every version of one incident's lead, derived from enterprise and {@code openedAt}
 * @param version  1 when the lead is first published, + 1 each time the incident grows
 * @param category the rule of its most severe alert
 * @param openedAt the start ({@code startedAt}) of the incident's first alert
 * @param dueBy    {@code openedAt} plus the due period of the enterprise's supervision class
 * @param alerts   the ids of every alert the incident holds, in the order they joined
 * @param evidence at most {@link LeadBuilder#MAX_EVIDENCE} readings from the alerts, in time order
 * @param summary  one sentence an officer reads on a phone: what, where, since when, how far over the limit
 * @param repeat   the enterprise had a violation confirmed in the 90 days before {@code openedAt}
 * @param zone     the time zone (an id such as {@code Asia/Shanghai}) in whose offset times are written
 */
public record Lead(
        String leadId,
        int version,
        String enterpriseId,
        String enterpriseName,
        String district,
        Priority priority,
        Action action,
        String category,
        long openedAt,
        long dueBy,
        List<String> alerts,
        List<Evidence> evidence,
        String summary,
        boolean repeat,
        String zone) {

    /** CONTRACT §5 priorities, most urgent first, so that the smaller {@code compareTo} is the more urgent. */
    public enum Priority { P1, P2, P3 }

    /** What the officer is asked to do. */
    public enum Action { ONSITE_INSPECTION, OFFSITE_VERIFICATION }

    public Lead {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
