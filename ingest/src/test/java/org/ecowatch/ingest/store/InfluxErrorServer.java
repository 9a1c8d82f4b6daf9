package org.ecowatch.ingest.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback that answers {@code /api/v2/write} the way InfluxDB 2 answers when it
 * refuses a write (status, JSON {@code {"code","message"}} body, {@code Retry-After}), and never accepts one.
 * It exists only to produce error responses that a healthy QuestDB does not send (401, 404, 503 …); every
 * successful write in the tests goes to a real embedded QuestDB.
 */
final class InfluxErrorServer implements AutoCloseable {

    /** The error it answers every write with. */
    record Answer(int status, String code, String message, String retryAfter) {
        static Answer error(int status, String code, String message) {
            return new Answer(status, code, message, null);
        }
    }

    /** What the client sent. */
    record Request(String query, String authorization, String body) {}

    private final HttpServer server;
    private final Answer answer;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    InfluxErrorServer(Answer answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/write", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] json = ("{\"code\":\"" + answer.code() + "\",\"message\":\"" + answer.message() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
