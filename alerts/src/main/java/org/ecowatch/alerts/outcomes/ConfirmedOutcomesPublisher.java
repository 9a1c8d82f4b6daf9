package org.ecowatch.alerts.outcomes;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * How the lead service tells the pipeline about confirmed violations: publishes an enterprise's complete list as
 * {@code ecowatch.outcomes/1} on {@code {prefix}/outcomes/{enterpriseId}}, QoS 1, <b>retained</b>, so the job gets the
 * newest list of every enterprise again whenever it (re)subscribes (docs/LEADS.md). Thread-safe; connects on first
 * use and again after the connection was lost.
 *
 * <pre>{@code
 * try (ConfirmedOutcomesPublisher outcomes = new ConfirmedOutcomesPublisher(broker, "ecowatch/v1")) {
 *     outcomes.publish("ent-001", store.confirmedViolations("ent-001", now.minus(365, DAYS)).stream()
 *             .map(v -> new ConfirmedOutcome(v.leadId(), v.enterpriseId(), v.openedAt(), v.reportedAt())).toList());
 * }
 * }</pre>
 */
public final class ConfirmedOutcomesPublisher implements AutoCloseable {
    /** How long a publish waits for the broker's PUBACK. */
    static final long ACK_TIMEOUT_MILLIS = 10_000;

    private final MqttConnectionSettings broker;
    private final String topicPrefix;
    private final String clientId = "ecowatch-outcomes-publisher-" + UUID.randomUUID().toString().substring(0, 8);
    private MqttClient client;

    public ConfirmedOutcomesPublisher(MqttConnectionSettings broker, String topicPrefix) {
        this.broker = broker;
        this.topicPrefix = topicPrefix;
    }

    /**
     * Publishes {@code confirmed} as {@code enterpriseId}'s confirmed violations, replacing the list published before
     * (an empty list clears it), and returns once the broker has acknowledged it. On a broken connection it connects
     * again and retries once.
     *
     * @param confirmed the enterprise's confirmed violations of the last 365 days (the window the job needs is 90)
     * @throws IllegalArgumentException when an id is not {@code [A-Za-z0-9_.-]{1,64}}, or an outcome is incomplete or
     *                                  of another enterprise
     * @throws IOException              when the broker cannot be reached or does not acknowledge in time
     */
    public synchronized void publish(String enterpriseId, List<ConfirmedOutcome> confirmed) throws IOException {
        String topic = OutcomesTopic.of(topicPrefix, enterpriseId);
        for (ConfirmedOutcome c : confirmed) {
            if (c.leadId() == null || c.leadId().isBlank() || c.openedAt() == null || c.reportedAt() == null) {
                throw new IllegalArgumentException("confirmed outcome " + c + " needs a leadId, openedAt and reportedAt");
            }
            if (!enterpriseId.equals(c.enterpriseId())) {
                throw new IllegalArgumentException("confirmed outcome of lead " + c.leadId() + " belongs to "
                        + c.enterpriseId() + ", not to " + enterpriseId);
            }
        }
        MqttMessage message = new MqttMessage(OutcomesJson.toBytes(new ConfirmedOutcomes(enterpriseId, confirmed)), 1, true, null);
        try {
            connected().publish(topic, message);
        } catch (MqttException first) {
            disconnect(); // the connection may be half-dead: start afresh, once
            try {
                connected().publish(topic, message);
            } catch (MqttException again) {
                disconnect();
                again.addSuppressed(first);
                throw new IOException("could not publish the confirmed outcomes of " + enterpriseId + " to "
                        + broker.serverUri() + ": " + again.getMessage(), again);
            }
        }
    }

    private MqttClient connected() throws MqttException {
        if (client == null || !client.isConnected()) {
            disconnect();
            client = MqttClients.connect(broker, clientId, options -> { });
            client.setTimeToWait(ACK_TIMEOUT_MILLIS); // blocking publish waits for the PUBACK, never forever
        }
        return client;
    }

    private void disconnect() {
        MqttClients.closeQuietly(client);
        client = null;
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
