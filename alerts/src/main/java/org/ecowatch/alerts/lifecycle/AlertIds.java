package org.ecowatch.alerts.lifecycle;

import java.util.UUID;
import org.ecowatch.alerts.message.NameBasedUuid;

/** Alert ids derived from content only ({@link NameBasedUuid}), so a replay yields the same ids. */
final class AlertIds {
    /** The name space of ecowatch alert ids (fixed forever: changing it changes every id). */
    static final UUID NAMESPACE = NameBasedUuid.namespace("org.ecowatch.alert");

    private AlertIds() {}

    /** The id of the episode of this condition that started at {@code startedAt} (epoch ms). */
    static String of(String rule, String enterpriseId, String deviceId, String metric, long startedAt) {
        String name = String.join("\n", rule, enterpriseId, deviceId, metric == null ? "" : metric, Long.toString(startedAt));
        return NameBasedUuid.v5(NAMESPACE, name).toString();
    }
}
