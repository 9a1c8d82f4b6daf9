package org.ecowatch.ingest.simulator;

/**
 * One message the simulator wants published.
 *
 * @param expectedRejection the dead-letter reason the pipeline should give it, or null for valid telemetry
 */
public record SimulatedMessage(String topic, byte[] payload, int readings, String expectedRejection) {}
