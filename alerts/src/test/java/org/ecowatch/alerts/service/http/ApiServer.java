package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;

/**
 * One real lead service API for a test class: Javalin on a free loopback port over a real lead store, the demo
 * configuration and its demo tokens, a clock the test moves, a broker probe the test flips, and the enterprises
 * passed to the confirmed-violation hook. Requests go through a real HTTP client.
 */
final class ApiServer implements AutoCloseable {
    static final String STATION = ApiTokens.DEMO_STATION_TOKEN;
    /** officer-01 and officer-02 are of jingkai (ent-001 … ent-005), officer-03 of tongguan (ent-006 … ent-010). */
    static final String OFFICER_01 = ApiTokens.demoOfficerToken("officer-01");
    static final String OFFICER_03 = ApiTokens.demoOfficerToken("officer-03");
    /** The service clock starts a minute after the fixtures' incidents open. */
    static final Instant START = Messages.TEN.plusSeconds(60);

    final EcowatchConfig config;
    final LeadStore store;
    final MutableClock clock = new MutableClock(START);
    final AtomicBoolean brokerUp = new AtomicBoolean(true);
    final List<String> confirmedViolations = new CopyOnWriteArrayList<>();
    final LeadApi api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger days = new AtomicInteger();

    ApiServer(DataSource dataSource) {
        try {
            config = ConfigLoader.load(Path.of("..", "configs", "demo"));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
        store = LeadStore.open(dataSource);
        api = new LeadApi(store, config, ApiTokens.demo(config.registry()), clock, brokerUp::get)
                .onConfirmedViolation(confirmedViolations::add)
                .start("127.0.0.1", 0);
    }

    /**
     * A day of event time no other test of the class uses: tests that share the server keep their leads apart by
     * giving each its own day and filtering on it ({@code from}, {@code to}).
     */
    Instant newDay() {
        return Messages.TEN.plus(Duration.ofDays(1 + days.getAndIncrement()));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Response post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        api.close();
        store.close();
    }

    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
