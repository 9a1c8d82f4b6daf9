package org.ecowatch.alerts.outcomes;

/** An {@code ecowatch.outcomes/1} payload that does not follow the schema; the message says what is wrong. */
public final class MalformedOutcomes extends Exception {
    public MalformedOutcomes(String message) {
        super(message);
    }
}
