package org.ecowatch.alerts.service.intake;

/** A leads- or alerts-topic payload that is not a valid {@code ecowatch.lead/1} or {@code ecowatch.alert/1} message. */
final class InvalidMessage extends Exception {
    InvalidMessage(String reason) {
        super(reason);
    }
}
