package org.ecowatch.alerts.service.readings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL over QuestDB's HTTP {@code /exec} endpoint: the same base URL the pipeline writes readings to, so the lead
 * service needs no second address (nor the PostgreSQL-wire credentials) to read them back.
 */
final class QuestDbSql {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    QuestDbSql(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The rows of {@code sql}, each an array node in the order of its select list. */
    List<JsonNode> query(String sql) {
        URI uri = URI.create(baseUrl + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ReadingsUnavailable("the readings store at " + baseUrl + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadingsUnavailable("interrupted while querying the readings store", e);
        }
        JsonNode body = parse(response);
        List<JsonNode> rows = new ArrayList<>();
        body.path("dataset").forEach(rows::add);
        return rows;
    }

    private JsonNode parse(HttpResponse<String> response) {
        if (response.statusCode() == 404) {
            // An InfluxDB answers the write API but has no /exec: reading back through Flux is not built.
            throw new ReadingsUnavailable("the readings store at " + baseUrl + " does not answer QuestDB SQL (/exec); "
                    + "reading readings back is built for QuestDB only (docs/API.md)", null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ReadingsUnavailable("the readings store at " + baseUrl + " answered HTTP " + response.statusCode()
                    + " with a body that is not JSON", e);
        }
        if (response.statusCode() != 200 || body.has("error")) {
            throw new ReadingsUnavailable("the readings store at " + baseUrl + " refused a query: HTTP "
                    + response.statusCode() + " " + body.path("error").asText(""), null);
        }
        return body;
    }
}
