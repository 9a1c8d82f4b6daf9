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
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Runs the real ingestion job (demo configuration, the given broker and store) on the test's mini cluster,
 * and reads back what it produced: rows in the store and dead letters on the broker.
 */
final class PipelineHarness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final EcowatchConfig DEMO = loadDemo();

    final String brokerUrl;
    final List<JsonNode> deadLetters = new CopyOnWriteArrayList<>();
    private final MqttClient deadLetterSubscriber;
    private JobClient job;

    PipelineHarness(String brokerUrl) throws MqttException {
        this.brokerUrl = brokerUrl;
        deadLetterSubscriber = MqttClients.connect(MqttConnectionSettings.of(brokerUrl), "test-deadletter-" + System.nanoTime(), o -> { });
        deadLetterSubscriber.subscribe(prefix() + "/deadletter", 1, (topic, message) -> deadLetters.add(JSON.readTree(message.getPayload())));
    }

    static String prefix() {
        return DEMO.pipeline().mqtt().topicPrefix();
    }

    /** Starts the job; {@code wrapStore} may wrap the store sink (to inject failures). */
    void start(String storeHttpUrl, java.util.function.UnaryOperator<Sink<Reading>> wrapStore, Path checkpoints) throws Exception {
        PipelineConnectors connectors = new PipelineConnectors(DEMO, brokerUrl, storeHttpUrl);
        Configuration config = FlinkEnvironments.baseConfiguration(Duration.ofMillis(300), checkpoints);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        IngestJob.assemble(env, DEMO, connectors.source(), wrapStore.apply(connectors.readingsStore()), connectors.deadLetters());
        job = env.executeAsync("ingest test");
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

    List<String> deadLetterReasons() {
        return deadLetters.stream().map(d -> d.get("reason").asText()).toList();
    }

    private static EcowatchConfig loadDemo() {
        try {
            return ConfigLoader.load(Path.of("../configs/demo"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        MqttClients.closeQuietly(deadLetterSubscriber);
    }
}
