package org.ecowatch.alerts.service.store;

/** An officer action the lead's status does not allow, e.g. closing a lead without an outcome. */
public final class InvalidTransition extends RuntimeException {
    private final LeadStatus status;

    public InvalidTransition(String leadId, LeadStatus status, String action, LeadStatus allowedFrom) {
        super("lead " + leadId + " is " + status + "; " + action + " is allowed only when it is " + allowedFrom);
        this.status = status;
    }

    public LeadStatus status() {
        return status;
    }
}
