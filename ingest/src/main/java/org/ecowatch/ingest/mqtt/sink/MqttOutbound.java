package org.ecowatch.ingest.mqtt.sink;

import java.util.Objects;

/** One message for {@link MqttPublishSink} to publish: the topic and the payload bytes. */
public record MqttOutbound(String topic, byte[] payload) {

    public MqttOutbound {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("'" + topic + "' is not a topic one can publish to");
        }
    }
}
