package org.ecowatch.alerts.outcomes;

import java.util.Optional;
import org.ecowatch.ingest.decode.TelemetryTopic;

/** {@code {prefix}/outcomes/{enterpriseId}}: one retained message per enterprise (docs/LEADS.md). */
public final class OutcomesTopic {
    private OutcomesTopic() {}

    /** The topic of {@code enterpriseId}'s confirmed outcomes. */
    public static String of(String prefix, String enterpriseId) {
        if (enterpriseId == null || !TelemetryTopic.ID.matcher(enterpriseId).matches()) {
            throw new IllegalArgumentException("enterprise id " + enterpriseId + " is not [A-Za-z0-9_.-]{1,64}");
        }
        return prefix + "/outcomes/" + enterpriseId;
    }

    /** The filter the job subscribes to: every enterprise's topic. */
    public static String filter(String prefix) {
        return prefix + "/outcomes/+";
    }

    /** The enterprise {@code topic} names, or empty when it is not an outcomes topic under {@code prefix}. */
    public static Optional<String> enterpriseOf(String prefix, String topic) {
        String start = prefix + "/outcomes/";
        if (!topic.startsWith(start)) {
            return Optional.empty();
        }
        String id = topic.substring(start.length());
        return TelemetryTopic.ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}
