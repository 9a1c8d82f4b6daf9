package org.ecowatch.alerts.leads;

import java.io.Serializable;
import java.time.Duration;
import org.ecowatch.analytics.rules.RuleParameters;

/**
 * How the {@link LeadBuilder} groups and schedules leads (docs/LEADS.md).
 *
 * @param joinGap      alerts of one enterprise that overlap or start within this of each other join one lead (PT2H)
 * @param dueKey       due period of key units (PT4H, provincial practice)
 * @param dueGeneral   due period of the others (PT48H)
 * @param repeatWindow a confirmed violation this long before a new incident makes it a repeat (P90D)
 * @param leadAfter    an OFFLINE alert becomes part of a lead once the device has been offline this long (PT12H)
 * @param leadAfterKey the same for key units (PT1H)
 */
public record LeadParameters(Duration joinGap, Duration dueKey, Duration dueGeneral, Duration repeatWindow,
        Duration leadAfter, Duration leadAfterKey) implements Serializable {

    /** DOMAIN.md's periods, with OFFLINE's lead delays from the rules' parameters ({@code rules.OFFLINE.leadAfter[Key]}). */
    public static LeadParameters from(RuleParameters rules) {
        return new LeadParameters(Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(48), Duration.ofDays(90),
                rules.offline().leadAfter(), rules.offline().leadAfterKey());
    }

    public static LeadParameters defaults() {
        return from(RuleParameters.defaults());
    }
}
