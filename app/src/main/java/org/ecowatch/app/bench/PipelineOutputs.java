package org.ecowatch.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * Watches what the pipeline publishes, as a monitoring station would: the arrival time of every alert opened on a
 * probe (to time the injected violations), the number of leads, and the dead letters by reason (a healthy run has
 * none but the bench's own readiness pings).
 */
final class PipelineOutputs implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final String readinessTopic;
    /** {@code enterpriseId/metric} of an opened probe alert → when it arrived (System.nanoTime). */
    private final Map<String, Long> probeAlerts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();
    /** Reason → the first dead letter's topic and detail, to say what went wrong. */
    private final Map<String, String> firstDeadLetters = new ConcurrentHashMap<>();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong leads = new AtomicLong();
    private volatile boolean ready;

    PipelineOutputs(MqttConnectionSettings broker, String clientId, String topicPrefix, String readinessTopic) throws MqttException {
        this.readinessTopic = readinessTopic;
        client = MqttClients.connect(broker, clientId, o -> { });
        IMqttMessageListener onAlert = (topic, message) -> alert(JSON.readTree(message.getPayload()), System.nanoTime());
        IMqttMessageListener onLead = (topic, message) -> leads.incrementAndGet();
        IMqttMessageListener onDeadLetter = (topic, message) -> deadLetter(JSON.readTree(message.getPayload()));
        // Paho 1.2.5's subscribe(topic, qos, listener) recurses forever: use the array form.
        client.subscribe(new MqttSubscription[] {new MqttSubscription(topicPrefix + "/alerts/+", 1),
                        new MqttSubscription(topicPrefix + "/leads/+", 1), new MqttSubscription(topicPrefix + "/deadletter", 1)},
                new IMqttMessageListener[] {onAlert, onLead, onDeadLetter});
    }

    static String key(String enterpriseId, String metric) {
        return enterpriseId + "/" + metric;
    }

    /** When the alert opened on that probe metric arrived, or null. */
    Long probeAlertArrival(String enterpriseId, String metric) {
        return probeAlerts.get(key(enterpriseId, metric));
    }

    /** Whether a readiness ping came back as a dead letter: the pipeline is subscribed. */
    boolean ready() {
        return ready;
    }

    long alerts() {
        return alerts.get();
    }

    long leads() {
        return leads.get();
    }

    /** Dead letters by reason, the readiness pings left out: {@code late: 8 (first: topic: detail)}. */
    Map<String, String> deadLetters() {
        Map<String, String> counts = new TreeMap<>();
        deadLetters.forEach((reason, n) -> counts.put(reason, n.get() + " (first: " + firstDeadLetters.get(reason) + ")"));
        return counts;
    }

    private void alert(JsonNode alert, long arrived) {
        alerts.incrementAndGet();
        if ("OPENED".equals(alert.path("state").asText()) && "INSTRUMENT_FLAG".equals(alert.path("rule").asText())
                && BenchFleet.PROBE_DEVICE.equals(alert.path("deviceId").asText())) {
            probeAlerts.putIfAbsent(key(alert.path("enterpriseId").asText(), alert.path("metric").asText()), arrived);
        }
    }

    private void deadLetter(JsonNode deadLetter) {
        if (readinessTopic.equals(deadLetter.path("topic").asText())) {
            ready = true;
        } else {
            String reason = deadLetter.path("reason").asText();
            firstDeadLetters.putIfAbsent(reason, deadLetter.path("topic").asText() + ": " + deadLetter.path("detail").asText());
            deadLetters.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public void close() {
        MqttClients.closeQuietly(client);
    }
}
