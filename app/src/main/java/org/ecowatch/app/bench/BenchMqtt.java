package org.ecowatch.app.bench;

import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/** The bench's MQTT clients, made by {@link MqttClients} like every ecowatch client (TCP_NODELAY and all). */
final class BenchMqtt {
    private static final long WAIT_MILLIS = (MqttClients.CONNECT_TIMEOUT_SECONDS + 1) * 1000L;

    /** A connected client and how many QoS 1 publishes the broker lets it have unacknowledged. */
    record Connected(MqttAsyncClient client, int receiveMaximum) {}

    private BenchMqtt() {}

    static Connected connect(MqttConnectionSettings broker, String clientId, Consumer<MqttConnectionOptions> customiser)
            throws MqttException {
        MqttConnectionOptions options = MqttClients.options(broker);
        customiser.accept(options);
        MqttAsyncClient client = MqttClients.newAsyncClient(broker, clientId);
        try {
            IMqttToken token = client.connect(options);
            token.waitForCompletion(WAIT_MILLIS);
            Integer receiveMaximum = token.getResponseProperties() == null ? null : token.getResponseProperties().getReceiveMaximum();
            return new Connected(client, receiveMaximum == null ? 65_535 : receiveMaximum);
        } catch (MqttException | RuntimeException e) {
            MqttClients.closeQuietly(client);
            throw e;
        }
    }

    /**
     * Ends the broker-side sessions the pipeline kept (clean start false, long expiry), so a bench leaves nothing
     * queueing on an external broker: connecting with clean start and no expiry discards a session.
     */
    static void discardSessions(MqttConnectionSettings broker, String clientIdPrefix, int sessions) {
        for (int i = 0; i < sessions; i++) {
            try {
                MqttClients.closeQuietly(connect(broker, clientIdPrefix + "-" + i, o -> o.setSessionExpiryInterval(0L)).client());
            } catch (MqttException | RuntimeException e) {
                // The session expires on its own (one day); nothing the measurement depends on.
            }
        }
    }
}
