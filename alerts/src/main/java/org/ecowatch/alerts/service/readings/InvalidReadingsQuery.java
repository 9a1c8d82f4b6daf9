package org.ecowatch.alerts.service.readings;

/**
 * A readings query the registry or the rules refuse: {@code notFound} for an enterprise or device the registry does
 * not know (HTTP 404), else a bad parameter (HTTP 400); {@code field} names the query parameter at fault.
 */
public final class InvalidReadingsQuery extends RuntimeException {
    private final String field;
    private final boolean notFound;

    InvalidReadingsQuery(String field, String message, boolean notFound) {
        super(message);
        this.field = field;
        this.notFound = notFound;
    }

    public String field() {
        return field;
    }

    public boolean notFound() {
        return notFound;
    }
}
