package org.ecowatch.alerts.service.console;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.leads.LeadJson;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertJson;
import org.ecowatch.alerts.service.LeadService;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.TestPublisher;

/**
 * The lead service as {@code ./ecowatch demo} runs it, for the console's browser tests: {@link LeadService} (the MQTT
 * intake into an H2 lead store, the HTTP API with the demo tokens serving the console, readings read back from an
 * embedded QuestDB) on a real broker, a Mosquitto of its own. Tests publish the pipeline's messages (written by the
 * pipeline's own JSON writers) and watch them arrive in the browser.
 */
final class RunningLeadService implements AutoCloseable {
    static final EcowatchConfig DEMO = loadDemo();
    static final String PREFIX = DEMO.pipeline().mqtt().topicPrefix();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MosquittoServer broker;
    private final LeadService service;
    private final TestPublisher publisher;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningLeadService(MosquittoServer broker, LeadService service, TestPublisher publisher) {
        this.broker = broker;
        this.service = service;
        this.publisher = publisher;
    }

    static RunningLeadService start(Path directory, String questDbUrl) throws Exception {
        MosquittoServer broker = MosquittoServer.start(false);
        LeadService service = LeadService.start(new LeadService.Settings(DEMO, MqttConnectionSettings.of(broker.url()), false,
                "jdbc:h2:file:" + directory.resolve("leads").toAbsolutePath(), ApiTokens.demo(DEMO.registry()), "127.0.0.1", 0,
                questDbUrl));
        return new RunningLeadService(broker, service, new TestPublisher(broker.url()));
    }

    String baseUrl() {
        return service.url();
    }

    /** Publishes an alert state change on {prefix}/alerts/{enterpriseId}, as the pipeline does. */
    void publish(Alert alert) throws Exception {
        publisher.send(PREFIX + "/alerts/" + alert.enterpriseId(), List.of(new String(AlertJson.toBytes(alert), UTF_8)));
    }

    /** Publishes a lead version on {prefix}/leads/{district}, as the pipeline does. */
    void publish(Lead lead) throws Exception {
        publisher.send(PREFIX + "/leads/" + lead.district(), List.of(new String(LeadJson.toBytes(lead), UTF_8)));
    }

    /** GET an API path with a token: the status and the JSON body. */
    Answer get(String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    /** POST a JSON body to an API path with a token: an officer's action. */
    Answer post(String path, String token, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    record Answer(int status, JsonNode body) {}

    @Override
    public void close() throws Exception {
        publisher.close();
        service.close();
        broker.close();
    }

    private static EcowatchConfig loadDemo() {
        try {
            return ConfigLoader.load(Path.of("../configs/demo"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
