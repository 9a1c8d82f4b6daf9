package org.ecowatch.ingest.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.ecowatch.ingest.mqtt.MqttCallbackAdapter;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * Subscribes at QoS 1 and collects the payloads (UTF-8) it receives.
 *
 * <pre>{@code
 * try (TestSubscriber alerts = TestSubscriber.subscribe(brokerUrl, "ecowatch/v1/alerts/#")) {
 *     … run the job …
 *     assertThat(alerts.await(3, Duration.ofSeconds(10))).hasSize(3);
 * }
 * }</pre>
 */
public final class TestSubscriber implements AutoCloseable {

    private final MqttClient client;
    private final ConcurrentLinkedQueue<String> payloads = new ConcurrentLinkedQueue<>();

    private TestSubscriber(String brokerUrl, String clientId, String filter, Long sessionExpirySeconds)
            throws MqttException {
        this.client = MqttClients.connect(MqttConnectionSettings.of(brokerUrl), clientId, options -> {
            if (sessionExpirySeconds != null) {
                options.setCleanStart(false);
                options.setSessionExpiryInterval(sessionExpirySeconds);
            }
        }, new Collector());
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
    }

    /** A subscriber without a session: it sees what is published while it is connected. */
    public static TestSubscriber subscribe(String brokerUrl, String filter) throws MqttException {
        return new TestSubscriber(brokerUrl, "test-subscriber-" + UUID.randomUUID().toString().substring(0, 8), filter, null);
    }

    /**
     * A subscriber with a persistent session under {@code clientId}: after {@link #close()} the
     * broker queues for it, and subscribing again with the same id receives what was queued.
     */
    public static TestSubscriber persistent(String brokerUrl, String clientId, String filter) throws MqttException {
        return new TestSubscriber(brokerUrl, clientId, filter, 300L);
    }

    /** Everything received so far, in arrival order. */
    public List<String> payloads() {
        return List.copyOf(payloads);
    }

    /** Waits until at least {@code count} messages arrived, then returns them all; fails after {@code timeout}. */
    public List<String> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (payloads.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " messages within " + timeout + ", got " + payloads.size());
            }
            Thread.sleep(20);
        }
        return payloads();
    }

    @Override
    public void close() {
        MqttClients.closeQuietly(client);
    }

    private final class Collector extends MqttCallbackAdapter {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            payloads.add(new String(message.getPayload(), UTF_8));
        }
    }
}
