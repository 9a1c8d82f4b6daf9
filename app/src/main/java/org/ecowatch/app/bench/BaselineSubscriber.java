package org.ecowatch.app.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.ecowatch.ingest.decode.TelemetryTopic;
import org.ecowatch.ingest.mqtt.MqttCallbackAdapter;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.mqtt.source.MqttSourceOptions;

/**
 * The baseline: a plain Paho MQTT 5 subscriber on the pipeline's topic filters at QoS 1 that only counts, so the
 * bench knows what the broker itself passes through with this load. It allows the broker as many unacknowledged
 * messages as one pipeline session does ({@link MqttSourceOptions#RECEIVE_MAXIMUM}) but acknowledges each at once.
 */
final class BaselineSubscriber implements Receiver {
    private final MqttAsyncClient client;
    private final AtomicLong messages = new AtomicLong();

    BaselineSubscriber(MqttConnectionSettings broker, String clientId, String topicPrefix) throws MqttException {
        client = BenchMqtt.connect(broker, clientId, o -> o.setReceiveMaximum(MqttSourceOptions.RECEIVE_MAXIMUM.defaultValue()))
                .client();
        client.setCallback(new Counting());
        String[] filters = TelemetryTopic.filters(topicPrefix);
        MqttSubscription[] subscriptions = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subscriptions[i] = new MqttSubscription(filters[i], 1);
        }
        client.subscribe(subscriptions).waitForCompletion(10_000);
    }

    @Override
    public long messages() {
        return messages.get();
    }

    @Override
    public long readings() {
        return messages.get() * BenchFleet.READINGS_PER_MESSAGE;
    }

    @Override
    public void close() {
        MqttClients.closeQuietly(client);
    }

    private final class Counting extends MqttCallbackAdapter {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            messages.incrementAndGet();
        }
    }
}
