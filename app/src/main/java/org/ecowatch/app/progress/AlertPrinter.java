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
 * Prints every alert state change the pipeline publishes, one line each, as a monitoring station would watch
 * them: {@code ALERT OPENED   CRITICAL EXCEEDANCE ent-001/ww-01 w01018  COD hourly average 152.0 mg/L …}.
 */
public final class AlertPrinter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttClient client;

    public AlertPrinter(MqttConnectionSettings broker, String topicPrefix, PrintStream out) throws MqttException {
        client = MqttClients.connect(broker, "ecowatch-alert-printer-" + ProcessHandle.current().pid(), options -> { });
        IMqttMessageListener print = (topic, message) -> out.println(line(JSON.readTree(message.getPayload())));
        // Paho 1.2.5's subscribe(topic, qos, listener) recurses forever: use the array form.
        client.subscribe(new MqttSubscription[] {new MqttSubscription(topicPrefix + "/alerts/+", 1)}, new IMqttMessageListener[] {print});
    }

    static String line(JsonNode alert) {
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
