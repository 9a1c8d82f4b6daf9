package org.ecowatch.ingest.mqtt.source.reader;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;

/**
 * A message emitted but not yet acknowledged. A packet id means something only on the connection
 * that delivered it, so the connection is part of the identity: after a reconnect the broker
 * redelivers the message under the new connection, and the old entry must not ack anything.
 */
record PendingAck(MqttSession session, MqttAsyncClient connection, int messageId, int qos) {}
