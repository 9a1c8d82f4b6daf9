package org.ecowatch.ingest.store;

import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedQuestDbTest {

    @Test
    void servesHttpAndPgOnLoopbackOnlyLogsToItsRootAndKeepsTablesAcrossRestarts() throws Exception {
        Path root = SharedQuestDb.newRoot("embedded");
        try {
            int httpPort;
            int pgPort;
            Path logDirectory;
            // QuestDB's default listeners: raw ILP over TCP (9009) and the "min" health server (9003).
            boolean ilpBefore = reachable(InetAddress.getLoopbackAddress(), 9009);
            boolean minBefore = reachable(InetAddress.getLoopbackAddress(), 9003);
            try (EmbeddedQuestDb db = EmbeddedQuestDb.start(root)) {
                httpPort = db.httpPort();
                pgPort = db.pgPort();
                logDirectory = db.logDirectory();
                assertThat(db.httpUrl()).isEqualTo("http://127.0.0.1:" + httpPort);
                assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb");
                HttpResponse<String> ping = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(db.httpUrl() + "/exec?query=SELECT%201")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ping.statusCode()).isEqualTo(200);
                assertThat(reachable(InetAddress.getLoopbackAddress(), pgPort)).isTrue();
                InetAddress external = nonLoopbackAddress();
                if (external != null) {
                    assertThat(reachable(external, httpPort)).as("HTTP on " + external).isFalse();
                    assertThat(reachable(external, pgPort)).as("PG on " + external).isFalse();
                }
                assertThat(reachable(InetAddress.getLoopbackAddress(), 9009)).as("raw ILP TCP listener").isEqualTo(ilpBefore);
                assertThat(reachable(InetAddress.getLoopbackAddress(), 9003)).as("min health server").isEqualTo(minBefore);
                SharedQuestDb.execute(db, "CREATE TABLE kept (ts TIMESTAMP, x LONG) TIMESTAMP(ts) PARTITION BY DAY WAL");
                SharedQuestDb.execute(db, "INSERT INTO kept VALUES ('2026-11-27T00:00:00.000000Z', 1)");
                SharedQuestDb.awaitCount(db, "SELECT count() FROM kept", 1);
                db.close();
                db.close(); // idempotent
                assertThat(reachable(InetAddress.getLoopbackAddress(), httpPort)).isFalse();
            }
            try (Stream<Path> logs = Files.list(logDirectory)) {
                assertThat(logs).anySatisfy(log -> assertThat(log.getFileName().toString()).startsWith("questdb.log"));
            }
            assertThat(Files.readString(root.resolve("conf/log.conf"))).doesNotContain("stdout");

            try (EmbeddedQuestDb again = EmbeddedQuestDb.start(root, httpPort, pgPort)) {
                assertThat(SharedQuestDb.queryLong(again, "SELECT count() FROM kept")).isEqualTo(1);
                assertThat(SharedQuestDb.queryLong(again, "SELECT count() FROM tables() WHERE table_name LIKE 'telemetry%'"))
                        .as("telemetry tables").isZero();
            }
        } finally {
            SharedQuestDb.deleteExceptLogs(root);
        }
    }

    @Test
    void refusesPortsOutOfRange() {
        assertThatThrownBy(() -> EmbeddedQuestDb.start(Path.of("target/never"), 70000, 0))
                .hasMessageContaining("ports must be between 0 and 65535");
    }

    private static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst().orElse(null);
    }
}
