package org.ecowatch.alerts.leads;

import java.util.UUID;
import org.ecowatch.alerts.message.NameBasedUuid;

/** Lead ids derived from content only ({@link NameBasedUuid}), as alert ids are, so a replay yields the same ids. */
final class LeadIds {
    /** The name space of ecowatch lead ids (fixed forever: changing it changes every id). */
    static final UUID NAMESPACE = NameBasedUuid.namespace("org.ecowatch.lead");

    private LeadIds() {}

    /** The id of the incident of {@code enterpriseId} whose first alert started at {@code openedAt} (epoch ms). */
    static String of(String enterpriseId, long openedAt) {
        return NameBasedUuid.v5(NAMESPACE, enterpriseId + "\n" + openedAt).toString();
    }
}
