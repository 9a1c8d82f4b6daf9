package org.ecowatch.alerts.service.store;

/** The lead store could not do what was asked: the database cannot be reached, or a statement failed. */
public final class LeadStoreException extends RuntimeException {
    public LeadStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
