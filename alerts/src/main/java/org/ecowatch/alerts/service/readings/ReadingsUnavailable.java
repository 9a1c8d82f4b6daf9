package org.ecowatch.alerts.service.readings;

/** The readings store cannot answer (down, refusing, or not a store this service can read): HTTP 503. */
public final class ReadingsUnavailable extends RuntimeException {
    ReadingsUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
