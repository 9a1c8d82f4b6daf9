package org.ecowatch.ingest.mqtt.source.reader;

import org.ecowatch.ingest.mqtt.InboundMessage;

/**
 * A message on its way from an MQTT client thread to the reader.
 *
 * @param ack how to acknowledge it once a checkpoint covers it; {@code null} for QoS 0
 */
record Delivery(InboundMessage message, PendingAck ack) {}
