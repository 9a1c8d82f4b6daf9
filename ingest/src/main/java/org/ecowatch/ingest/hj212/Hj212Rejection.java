package org.ecowatch.ingest.hj212;

/**
 * Why some HJ 212 input was not accepted.
 *
 * @param reason one of {@link Hj212Reasons}' codes, machine-readable (goes into the dead letter's {@code reason})
 * @param detail a human sentence: what was wrong and what was expected (never a configured secret)
 */
public record Hj212Rejection(String reason, String detail) {}
