package org.ecowatch.alerts.service.readings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Writes line-protocol points to a store's InfluxDB-v2 write endpoint, as the pipeline's store sink does. */
public final class LineProtocol {
    private LineProtocol() {}

    /** POSTs {@code lines} (millisecond timestamps) in one request; fails unless the store accepts them all. */
    public static void write(String storeUrl, List<String> lines) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(storeUrl + "/api/v2/write?org=ecowatch&bucket=readings&precision=ms"))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the store refused the points: HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
