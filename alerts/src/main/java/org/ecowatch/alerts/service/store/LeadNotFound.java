package org.ecowatch.alerts.service.store;

/** No lead with the id asked for. */
public final class LeadNotFound extends RuntimeException {
    public LeadNotFound(String leadId) {
        super("no lead " + leadId);
    }
}
