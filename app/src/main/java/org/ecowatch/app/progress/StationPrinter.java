package org.ecowatch.app.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Prints every alert state change and every lead version the pipeline publishes, one line each, as a monitoring
 * station would watch them: {@code ALERT OPENED   CRITICAL EXCEEDANCE ent-001/ww-01 w01018  …} and
 * {@code LEAD  P1 ONSITE_INSPECTION ent-001 v2 due 2026-11-27T12:00+08:00  …}.
 */
public final class StationPrinter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttClient client;

    public StationPrinter(MqttConnectionSettings broker, String topicPrefix, PrintStream out) throws MqttException {
        client = MqttClients.connect(broker, "ecowatch-station-printer-" + ProcessHandle.current().pid(), options -> { });
        IMqttMessageListener alerts = (topic, message) -> out.println(alertLine(JSON.readTree(message.getPayload())));
        IMqttMessageListener leads = (topic, message) -> out.println(leadLine(JSON.readTree(message.getPayload())));
        // Paho 1.2.5's subscribe(topic, qos, listener) recurses forever: use the array form.
        client.subscribe(new MqttSubscription[] {new MqttSubscription(topicPrefix + "/alerts/+", 1),
                new MqttSubscription(topicPrefix + "/leads/+", 1)}, new IMqttMessageListener[] {alerts, leads});
    }

    static String leadLine(JsonNode lead) {
        return String.format("LEAD  %s %-20s %s v%d due %s  %s", lead.path("priority").asText(), lead.path("action").asText(),
                lead.path("enterpriseId").asText(), lead.path("version").asInt(), lead.path("dueBy").asText(),
                lead.path("summary").asText());
    }

    static String alertLine(JsonNode alert) {
        String metric = alert.path("metric").isNull() ? "" : " " + alert.path("metric").asText();
        return String.format("ALERT %-9s %-8s %-15s %s/%s%s  %s", alert.path("state").asText(), alert.path("severity").asText(),
                alert.path("rule").asText(), alert.path("enterpriseId").asText(), alert.path("deviceId").asText(), metric,
                alert.path("message").asText());
    }

    @Override
    public void close() {
        MqttClients.closeQuietly(client);
    }
}
