package org.ecowatch.alerts.leads;

import org.apache.flink.util.function.SerializableFunction;
import org.ecowatch.ingest.mqtt.sink.MqttOutbound;

/**
 * Publishes every lead version as {@code ecowatch.lead/1} JSON on {@code {prefix}/leads/{district}} (CONTRACT §1):
 * the mapper of an {@code MqttPublishSink<Lead>} (QoS 1).
 */
public record LeadTopic(String prefix) implements SerializableFunction<Lead, MqttOutbound> {

    @Override
    public MqttOutbound apply(Lead lead) {
        return new MqttOutbound(prefix + "/leads/" + lead.district(), LeadJson.toBytes(lead));
    }
}
