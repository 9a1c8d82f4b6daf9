package org.ecowatch.ingest.deadletter;

/**
 * Rejected input with a machine-readable reason (CONTRACT §6). Published as {@code ecowatch.deadletter/1}
 * JSON by {@link DeadLetterJson}.
 *
 * @param reason     one of {@link Reason}'s codes
 * @param detail     a human sentence saying what was wrong and what was expected
 * @param receivedAt epoch milliseconds
 */
public record DeadLetter(String topic, long receivedAt, String reason, String detail, byte[] payload) {}
