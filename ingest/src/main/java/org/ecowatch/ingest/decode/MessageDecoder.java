package org.ecowatch.ingest.decode;

import java.time.ZoneId;
import java.util.Optional;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.json.JsonBatchDecoder;
import org.ecowatch.ingest.mqtt.InboundMessage;

/**
 * Turns one inbound MQTT message into readings and dead letters: the topic names the format and the
 * device, the registry must know the device, then the format's decoder validates the payload.
 */
public final class MessageDecoder {
    private final String topicPrefix;
    private final Registry registry;
    private final JsonBatchDecoder json;
    private final Hj212MessageDecoder hj212;

    /** A decoder reading HJ 212 DataTime in China Standard Time where the registry names no zone. */
    public MessageDecoder(String topicPrefix, Registry registry, Thresholds thresholds) {
        this(topicPrefix, registry, thresholds, ZoneId.of("Asia/Shanghai"));
    }

    /** @param defaultZone the zone of HJ 212 DataTime for enterprises without a {@code timeZone} of their own */
    public MessageDecoder(String topicPrefix, Registry registry, Thresholds thresholds, ZoneId defaultZone) {
        this.topicPrefix = topicPrefix;
        this.registry = registry;
        this.json = new JsonBatchDecoder(thresholds);
        this.hj212 = new Hj212MessageDecoder(registry, defaultZone);
    }

    public Decoded decode(InboundMessage message) {
        Optional<TelemetryTopic> parsed = TelemetryTopic.parse(topicPrefix, message.topic());
        if (parsed.isEmpty()) {
            return reject(message, Reason.TOPIC_INVALID, "topic \"" + message.topic() + "\" is not "
                    + topicPrefix + "/telemetry/{enterpriseId}/{deviceId} or " + topicPrefix + "/hj212/{enterpriseId}/{deviceId}");
        }
        TelemetryTopic topic = parsed.get();
        Optional<Device> device = registry.device(topic.enterpriseId(), topic.deviceId());
        if (device.isEmpty()) {
            String what = registry.enterprise(topic.enterpriseId()).isEmpty()
                    ? "enterprise \"" + topic.enterpriseId() + "\""
                    : "device \"" + topic.deviceKey() + "\"";
            return reject(message, Reason.DEVICE_UNKNOWN, what + " is not in registry.yaml");
        }
        return switch (topic.format()) {
            case JSON -> json.decode(message.topic(), topic.enterpriseId(), topic.deviceId(), message.payload(), message.receivedAt());
            case HJ212 -> hj212.decode(message, topic);
        };
    }

    private static Decoded reject(InboundMessage message, String reason, String detail) {
        return Decoded.rejected(new DeadLetter(message.topic(), message.receivedAt(), reason, detail, message.payload()));
    }
}
