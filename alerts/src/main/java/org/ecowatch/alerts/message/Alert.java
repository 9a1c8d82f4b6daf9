package org.ecowatch.alerts.message;

import java.util.List;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;

/**
 * One state change of an alert episode: the stream form of CONTRACT §4's {@code ecowatch.alert/1} message
 * ({@link AlertJson} writes it). A record of Flink-serializable fields (no Kryo). Times are event times (epoch ms).
 *
 * @param alertId     the same for every message of one episode, derived from its content (reproducible on replay)
 * @param metric      null for rules about a whole device or enterprise
 * @param startedAt   when the episode's condition began
 * @param at          the event time of this change
 * @param observed    the value the rule judged; NaN when none (written as JSON null)
 * @param limit       what it was compared with; null when none
 * @param window      the judged window or held duration as an ISO-8601 duration ({@code PT1H}); null when none
 * @param evidence    at most {@link org.ecowatch.analytics.anomaly.Anomaly#MAX_EVIDENCE} readings, in time order
 * @param message     one human sentence
 * @param flapping    the episode is flap-suppressed: it stays open until the condition has been clear for longer
 * @param maintenance the registry maintenance windows of the device that the episode touches
 * @param zone        the time zone (an id such as {@code Asia/Shanghai}) in whose offset times are written
 */
public record Alert(
        String alertId,
        AlertState state,
        String rule,
        Severity severity,
        String enterpriseId,
        String deviceId,
        String metric,
        long startedAt,
        long at,
        double observed,
        Double limit,
        String window,
        List<Evidence> evidence,
        String message,
        boolean flapping,
        List<MaintenanceNote> maintenance,
        String zone) {

    public Alert {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
    }
}
