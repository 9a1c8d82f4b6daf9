package org.ecowatch.ingest.mqtt.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One MQTT session of the source: the broker keeps its subscriptions and un-acknowledged messages
 * under the stable {@code clientId}, so whichever reader owns the split resumes them.
 *
 * @param index    0-based session number; the enumerator assigns it to subtask {@code index % parallelism}
 * @param clientId stable client id, {@code {prefix}-{index}}
 */
public record MqttSessionSplit(int index, String clientId) implements SourceSplit {

    public MqttSessionSplit {
        if (index < 0) {
            throw new IllegalArgumentException("session index must not be negative: " + index);
        }
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("session client id must not be empty");
        }
    }

    @Override
    public String splitId() {
        return clientId;
    }
}
