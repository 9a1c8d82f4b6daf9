package org.ecowatch.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.testing.TestPublisher;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * What the pipeline publishes, as a subscriber on the broker sees it: dead letters, alerts and leads. It also tells
 * when the pipeline listens: a broker drops what is published before any session subscribed, so before a run the
 * test publishes probes (an unknown device) until one comes back as a dead letter.
 */
final class PipelineOutputs implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE_DEVICE = "readiness-probe";

    final List<JsonNode> deadLetters = new CopyOnWriteArrayList<>();
    final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
    final List<JsonNode> leads = new CopyOnWriteArrayList<>();
    private final String brokerUrl;
    private final String prefix;
    private final MqttClient subscriber;

    PipelineOutputs(String brokerUrl, String prefix) throws MqttException {
        this.brokerUrl = brokerUrl;
        this.prefix = prefix;
        subscriber = MqttClients.connect(MqttConnectionSettings.of(brokerUrl), "fault-outputs-" + System.nanoTime(), o -> { });
        // Paho 1.2.5's subscribe(topic, qos, listener) recurses forever: use the array form.
        subscriber.subscribe(
                new MqttSubscription[] {new MqttSubscription(prefix + "/deadletter", 1), new MqttSubscription(prefix + "/alerts/+", 1),
                        new MqttSubscription(prefix + "/leads/+", 1)},
                new IMqttMessageListener[] {(topic, message) -> deadLetters.add(JSON.readTree(message.getPayload())),
                        (topic, message) -> alerts.add(JSON.readTree(message.getPayload())),
                        (topic, message) -> leads.add(JSON.readTree(message.getPayload()))});
    }

    /** Publishes probes until the pipeline dead-letters one: from then on its sessions exist on the broker. */
    void awaitPipelineListening(long timeoutSeconds) throws Exception {
        String probeTopic = prefix + "/telemetry/ent-001/" + PROBE_DEVICE;
        try (TestPublisher probes = new TestPublisher(brokerUrl)) {
            long deadline = System.currentTimeMillis() + timeoutSeconds * 1000;
            while (deadLetters.stream().noneMatch(PipelineOutputs::isProbe)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the pipeline did not subscribe to " + brokerUrl + " within " + timeoutSeconds + " s");
                }
                probes.send(probeTopic, List.of("{}"));
                Thread.sleep(300);
            }
        }
    }

    static boolean isProbe(JsonNode deadLetter) {
        return deadLetter.get("topic").asText().endsWith("/" + PROBE_DEVICE);
    }

    /**
     * Each lead's final version: lead id → the message of its highest version. A lead id and version published
     * twice (a replay after a crash) must carry the same content, or this fails.
     */
    Map<String, JsonNode> finalLeads() {
        Map<String, JsonNode> byId = new TreeMap<>();
        for (JsonNode lead : leads) {
            String id = lead.get("leadId").asText();
            JsonNode known = byId.get(id);
            int version = lead.get("version").asInt();
            if (known == null || version > known.get("version").asInt()) {
                byId.put(id, lead);
            } else if (version == known.get("version").asInt() && !known.equals(lead)) {
                throw new AssertionError("lead " + id + " version " + version + " was published twice with different content:\n"
                        + known + "\n" + lead);
            }
        }
        return byId;
    }

    /** Every (lead id, version) seen, in order: "id v1", "id v2" … */
    List<String> leadVersions() {
        return leads.stream().map(l -> l.get("leadId").asText() + " v" + l.get("version").asInt()).distinct().sorted().toList();
    }

    /** Every alert state change seen: "alertId STATE". */
    List<String> alertChanges() {
        return alerts.stream().map(a -> a.get("alertId").asText() + " " + a.get("state").asText()).distinct().sorted().toList();
    }

    /** Writes what was received to {@code dir} (leads.jsonl, alerts.jsonl, deadletters.jsonl), for a person to compare runs. */
    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("leads.jsonl"), leads);
        write(dir.resolve("alerts.jsonl"), alerts);
        write(dir.resolve("deadletters.jsonl"), deadLetters);
    }

    private static void write(Path file, List<JsonNode> messages) throws IOException {
        Files.write(file, messages.stream().map(JsonNode::toString).toList(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        MqttClients.closeQuietly(subscriber);
    }
}
