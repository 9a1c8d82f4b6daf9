package org.ecowatch.alerts.message;

import org.apache.flink.util.function.SerializableFunction;
import org.ecowatch.ingest.mqtt.sink.MqttOutbound;

/**
 * Publishes every alert as {@code ecowatch.alert/1} JSON on {@code {prefix}/alerts/{enterpriseId}} (CONTRACT §1):
 * the mapper of an {@code MqttPublishSink<Alert>}.
 */
public record AlertTopic(String prefix) implements SerializableFunction<Alert, MqttOutbound> {

    @Override
    public MqttOutbound apply(Alert alert) {
        return new MqttOutbound(prefix + "/alerts/" + alert.enterpriseId(), AlertJson.toBytes(alert));
    }
}
