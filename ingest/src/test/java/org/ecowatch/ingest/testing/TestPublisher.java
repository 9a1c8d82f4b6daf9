package org.ecowatch.ingest.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * Publishes test messages at QoS 1 through {@link MqttClients} and returns once the broker
 * acknowledged every one of them.
 *
 * <pre>{@code
 * List<String> sent = TestPublisher.publish(brokerUrl, "test/a", TestPublisher.payloads("m", 100));
 * }</pre>
 */
public final class TestPublisher implements AutoCloseable {

    private static final int WINDOW = 100;
    private static final long WAIT_MILLIS = 30_000;

    private final MqttAsyncClient client;

    public TestPublisher(String brokerUrl) throws MqttException {
        this.client = MqttClients.connectAsync(MqttConnectionSettings.of(brokerUrl),
                "test-publisher-" + UUID.randomUUID().toString().substring(0, 8), options -> {});
    }

    /** {@code prefix-0} … {@code prefix-(count-1)}. */
    public static List<String> payloads(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    /** Connects, publishes each payload (UTF-8) to {@code topic} at QoS 1, waits for the acks, disconnects. */
    public static List<String> publish(String brokerUrl, String topic, List<String> payloads) throws MqttException {
        try (TestPublisher publisher = new TestPublisher(brokerUrl)) {
            publisher.send(topic, payloads);
        }
        return payloads;
    }

    /** Publishes at QoS 1 with up to {@value #WINDOW} in flight and waits until all are acknowledged. */
    public void send(String topic, List<String> payloads) throws MqttException {
        ArrayDeque<IMqttToken> inFlight = new ArrayDeque<>();
        for (String payload : payloads) {
            if (inFlight.size() >= WINDOW) {
                inFlight.poll().waitForCompletion(WAIT_MILLIS);
            }
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            inFlight.add(client.publish(topic, message));
        }
        for (IMqttToken token : inFlight) {
            token.waitForCompletion(WAIT_MILLIS);
        }
    }

    @Override
    public void close() {
        MqttClients.closeQuietly(client);
    }
}
