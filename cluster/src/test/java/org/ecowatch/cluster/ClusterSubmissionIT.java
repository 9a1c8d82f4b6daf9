package org.ecowatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.ecowatch.ingest.store.ReadingsTables;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.ecowatch.ingest.testing.TestPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job jar runs on a Flink cluster as {@code flink run} would run it: a cluster of two task managers with
 * its REST endpoint, the jar uploaded and run through the REST API (the web submission handlers), parallelism 2. Its
 * two MQTT sessions share the load through a shared subscription on Mosquitto, and every reading published lands
 * in the store once.
 */
class ClusterSubmissionIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path JAR = Path.of("target/ecowatch-cluster-0.1.0-SNAPSHOT.jar");
    static final Instant MORNING = Instant.parse("2026-11-27T00:00:00Z");
    static final int BATCHES_PER_DEVICE = 300;
    static final List<String> DEVICES = List.of("pm-prod", "wm-in");

    @RegisterExtension
    static final SharedQuestDb STORE = new SharedQuestDb();

    static MosquittoServer broker;
    static MiniCluster cluster;
    static URI rest;

    @BeforeAll
    static void startCluster() throws Exception {
        broker = MosquittoServer.start(false);
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.PORT, 0);
        config.set(WebOptions.UPLOAD_DIR, Files.createTempDirectory(Path.of("target"), "flink-web-").toAbsolutePath().toString());
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config).setNumTaskManagers(2).setNumSlotsPerTaskManager(2).build());
        cluster.start();
        rest = cluster.getRestAddress().get();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theUploadedJarRunsWithTwoSubtasksSharingTheMqttLoadAndLosesNothing(@TempDir Path configDir) throws Exception {
        String prefix = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        writeConfig(configDir, prefix);

        String jarId = upload(JAR);
        JsonNode run = post("/jars/" + jarId + "/run",
                "{\"programArgsList\":[\"--config\",\"" + configDir.toAbsolutePath() + "\"],\"parallelism\":2}");
        String jobId = run.path("jobid").asText();
        assertThat(jobId).as("REST answer to run: %s", run).isNotEmpty();

        try (TestPublisher publisher = new TestPublisher(broker.url())) {
            awaitSubscribed(publisher, prefix);
            for (String device : DEVICES) {
                publisher.send(prefix + "/telemetry/ent-001/" + device, batches(BATCHES_PER_DEVICE));
            }
        }

        for (String device : DEVICES) {
            STORE.awaitCount(count(device, false), BATCHES_PER_DEVICE);
            assertThat(STORE.queryLong(count(device, true))).as("distinct readings of %s", device).isEqualTo(BATCHES_PER_DEVICE);
        }
        // The REST endpoint serves metrics it fetches from the task managers every few seconds: wait for them.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(sourceRecordsPerSubtask(jobId)).hasSize(2).allSatisfy(records -> assertThat(records).isPositive()));

        HTTP.send(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The demo district against this test's broker and store; task managers read it from the same disk here. */
    private static void writeConfig(Path dir, String prefix) throws Exception {
        Path demo = Path.of("../configs/demo");
        Files.copy(demo.resolve("registry.yaml"), dir.resolve("registry.yaml"));
        Files.copy(demo.resolve("thresholds.yaml"), dir.resolve("thresholds.yaml"));
        Files.writeString(dir.resolve("pipeline.yaml"), """
                mqtt:
                  url: %s
                  topicPrefix: %s
                store:
                  url: %s
                  org: ecowatch
                  bucket: readings
                checkpoints:
                  interval: PT0.5S
                parallelism: 2
                """.formatted(broker.url(), prefix, STORE.httpUrl()));
    }

    /** Mosquitto drops what nobody subscribed to yet: publish probes to a third device until one is stored. */
    private static void awaitSubscribed(TestPublisher publisher, String prefix) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        int probe = 0;
        while (STORE.queryLong(count("pm-treat", false)) == 0) {
            assertThat(System.currentTimeMillis()).as("the job stored no probe within 90 s").isLessThan(deadline);
            publisher.send(prefix + "/telemetry/ent-001/pm-treat", List.of(batch(MORNING.minusSeconds(60L * ++probe))));
            Thread.sleep(500);
        }
    }

    private static List<String> batches(int count) {
        List<String> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batches.add(batch(MORNING.plusSeconds(60L * i)));
        }
        return batches;
    }

    private static String batch(Instant ts) {
        return "{\"schema\":\"ecowatch.telemetry/1\",\"ts\":" + ts.toEpochMilli()
                + ",\"readings\":[{\"metric\":\"power.active\",\"value\":100.0}]}";
    }

    private static String count(String device, boolean distinct) {
        String table = ReadingsTables.measurement(device.startsWith("pm") ? org.ecowatch.configs.Device.Kind.POWER_METER
                : org.ecowatch.configs.Device.Kind.WATER_METER);
        String where = " WHERE enterprise = 'ent-001' AND device = '" + device + "'";
        return distinct ? "SELECT count() FROM (SELECT DISTINCT ts, metric FROM " + table + where + ")"
                : "SELECT count() FROM " + table + where;
    }

    /** Records each subtask of the source's chain emitted (REST: the vertex's per-subtask {@code write-records}). */
    private static List<Long> sourceRecordsPerSubtask(String jobId) throws Exception {
        JsonNode job = get("/jobs/" + jobId);
        String vertexId = null;
        for (JsonNode vertex : job.path("vertices")) {
            if (vertex.path("name").asText().contains("mqtt source")) {
                vertexId = vertex.path("id").asText();
            }
        }
        assertThat(vertexId).as("the source's vertex in %s", job).isNotNull();
        List<Long> records = new ArrayList<>();
        for (JsonNode subtask : get("/jobs/" + jobId + "/vertices/" + vertexId).path("subtasks")) {
            records.add(subtask.path("metrics").path("write-records").asLong());
        }
        return records;
    }

    private static String upload(Path jar) throws Exception {
        String boundary = "ecowatch-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("status").asText()).as("upload answer %s", response.body()).isEqualTo("success");
        return Path.of(answer.path("filename").asText()).getFileName().toString();
    }

    private static JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(rest.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
