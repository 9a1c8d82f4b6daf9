package org.ecowatch.app.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.store.ReadingsTables;
import org.ecowatch.ingest.testing.TestPublisher;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Runs the real ingestion job (demo configuration, the given broker and store) on the test's mini cluster,
 * and reads back what it produced: rows in the store and dead letters on the broker.
 */
final class PipelineHarness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final EcowatchConfig DEMO = loadDemo();
    private static final String PROBE_DEVICE = "readiness-probe";

    final String brokerUrl;
    final boolean embeddedBroker;
    final List<JsonNode> deadLetters = new CopyOnWriteArrayList<>();
    final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
    final List<JsonNode> leads = new CopyOnWriteArrayList<>();
    private final MqttClient deadLetterSubscriber;
    private JobClient job;

    /** @param embeddedBroker whether {@code brokerUrl} is the embedded HiveMQ (see {@link PipelineConnectors#source()}) */
    PipelineHarness(String brokerUrl, boolean embeddedBroker) throws MqttException {
        this.brokerUrl = brokerUrl;
        this.embeddedBroker = embeddedBroker;
        deadLetterSubscriber = MqttClients.connect(MqttConnectionSettings.of(brokerUrl), "test-deadletter-" + System.nanoTime(), o -> { });
        // Paho 1.2.5's subscribe(topic, qos, listener) recurses forever: use the array form.
        deadLetterSubscriber.subscribe(
                new MqttSubscription[] {new MqttSubscription(prefix() + "/deadletter", 1), new MqttSubscription(prefix() + "/alerts/+", 1),
                        new MqttSubscription(prefix() + "/leads/+", 1)},
                new IMqttMessageListener[] {(topic, message) -> deadLetters.add(JSON.readTree(message.getPayload())),
                        (topic, message) -> alerts.add(JSON.readTree(message.getPayload())),
                        (topic, message) -> leads.add(JSON.readTree(message.getPayload()))});
    }

    static String prefix() {
        return DEMO.pipeline().mqtt().topicPrefix();
    }

    /** Starts the job; {@code wrapStore} may wrap the store sink (to inject failures). */
    void start(String storeHttpUrl, java.util.function.UnaryOperator<Sink<Reading>> wrapStore, Path checkpoints) throws Exception {
        PipelineConnectors connectors = new PipelineConnectors(DEMO, brokerUrl, embeddedBroker, storeHttpUrl);
        Configuration config = FlinkEnvironments.baseConfiguration(Duration.ofMillis(300), checkpoints);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        EcowatchJob.assemble(env, JobSettings.from(DEMO), connectors.sources(),
                new EcowatchJob.Sinks(wrapStore.apply(connectors.readingsStore()), connectors.deadLetters(), connectors.alerts(),
                        connectors.leads()));
        job = env.executeAsync("ingest test");
        awaitSubscribed();
    }

    /**
     * A broker drops messages that no session subscribed to yet, and the job subscribes some time after it
     * is submitted: publish probes (rejected as an unknown device, or as malformed outcomes) until one of each
     * comes back as a dead letter. Once the outcomes probe is back, so are the retained outcomes sent before it.
     */
    private void awaitSubscribed() throws Exception {
        List<String> probeTopics = List.of(prefix() + "/telemetry/ent-001/" + PROBE_DEVICE, prefix() + "/outcomes/" + PROBE_DEVICE);
        try (TestPublisher probes = new TestPublisher(brokerUrl)) {
            long deadline = System.currentTimeMillis() + 60_000;
            for (String probeTopic : probeTopics) {
                while (deadLetters.stream().noneMatch(d -> d.get("topic").asText().equals(probeTopic))) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("the job did not subscribe to " + probeTopic + " at " + brokerUrl + " within 60 s");
                    }
                    probes.send(probeTopic, List.of("{}"));
                    Thread.sleep(300);
                }
            }
        }
    }

    private static boolean isProbe(JsonNode deadLetter) {
        return deadLetter.get("topic").asText().endsWith("/" + PROBE_DEVICE);
    }

    /** SQL counting the rows stored for one device (its table follows the device kind). */
    static String countRows(String enterpriseId, String deviceId) {
        return "SELECT count() FROM " + table(enterpriseId, deviceId)
                + " WHERE enterprise = '" + enterpriseId + "' AND device = '" + deviceId + "'";
    }

    /** SQL counting distinct (ts, metric) pairs of one device: equals {@link #countRows} when nothing is stored twice. */
    static String countDistinctRows(String enterpriseId, String deviceId) {
        return "SELECT count() FROM (SELECT DISTINCT ts, metric FROM " + table(enterpriseId, deviceId)
                + " WHERE enterprise = '" + enterpriseId + "' AND device = '" + deviceId + "')";
    }

    private static String table(String enterpriseId, String deviceId) {
        Device device = DEMO.registry().device(enterpriseId, deviceId).orElseThrow();
        return ReadingsTables.measurement(device.kind());
    }

    /** Reasons of the dead letters so far, the readiness probes left out. */
    List<String> deadLetterReasons() {
        return deadLetters.stream().filter(d -> !isProbe(d)).map(d -> d.get("reason").asText()).toList();
    }

    private static EcowatchConfig loadDemo() {
        try {
            return ConfigLoader.load(Path.of("../configs/demo"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Cancelling only asks the job to stop; its tasks may still write a checkpoint afterwards. Waiting for a
     * terminal status keeps them from writing into a temporary directory JUnit is already deleting.
     */
    private void awaitTermination() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!job.getJobStatus().get().isGloballyTerminalState()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + job.getJobID() + " did not stop within 60 s of cancel");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        if (job != null) {
            job.cancel().get();
            awaitTermination();
        }
        MqttClients.closeQuietly(deadLetterSubscriber);
    }
}
