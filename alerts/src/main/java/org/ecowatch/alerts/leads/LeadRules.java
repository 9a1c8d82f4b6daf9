package org.ecowatch.alerts.leads;

import java.util.Comparator;
import org.ecowatch.alerts.leads.Lead.Action;
import org.ecowatch.alerts.leads.Lead.Priority;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.analytics.anomaly.Severity;

/** DOMAIN.md's lead rules: the priority an alert gives its lead, the action, which alert is the most severe. */
final class LeadRules {
    private LeadRules() {}

    /**
     * P1: TREATMENT_OFF (whatever its severity), EXCEEDANCE at CRITICAL (the rule's {@code criticalFactor}, 1.5 ×
     * the limit), FLATLINE at a key unit. P2: other EXCEEDANCE, ZERO_VALUE, WATER_BALANCE, OFFLINE (an OFFLINE alert
     * only reaches a lead once past its lead delay). P3: the rest. A repeat makes the whole lead P1 (not per alert).
     */
    static Priority priority(Alert alert, boolean keyUnit) {
        return switch (alert.rule()) {
            case "TREATMENT_OFF" -> Priority.P1;
            case "EXCEEDANCE" -> alert.severity() == Severity.CRITICAL ? Priority.P1 : Priority.P2;
            case "FLATLINE" -> keyUnit ? Priority.P1 : Priority.P3;
            case "ZERO_VALUE", "WATER_BALANCE", "OFFLINE" -> Priority.P2;
            default -> Priority.P3;
        };
    }

    /** On site, except off-site verification for positive-list enterprises below P1, and for every P3. */
    static Action action(Priority priority, boolean positiveList) {
        if (priority == Priority.P3 || (priority == Priority.P2 && positiveList)) {
            return Action.OFFSITE_VERIFICATION;
        }
        return Action.ONSITE_INSPECTION;
    }

    /** Most severe first: by the priority it gives, then its severity, then the earliest start, then its id. */
    static Comparator<Alert> mostSevereFirst(boolean keyUnit) {
        return Comparator.<Alert, Priority>comparing(a -> priority(a, keyUnit))
                .thenComparing(Alert::severity, Comparator.reverseOrder())
                .thenComparingLong(Alert::startedAt)
                .thenComparing(Alert::alertId);
    }
}
