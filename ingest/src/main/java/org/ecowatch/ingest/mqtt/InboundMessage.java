package org.ecowatch.ingest.mqtt;

/**
 * One MQTT message as the source hands it to the pipeline.
 *
 * @param receivedAt wall-clock time the source received it, epoch milliseconds
 */
public record InboundMessage(String topic, byte[] payload, long receivedAt) {}
