package org.ecowatch.alerts.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ecowatch.alerts.leads.Lead.Priority;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.alerts.service.store.LeadStoreDataSource;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.configs.PipelineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/events} over real HTTP: what arrives, how fast, to whom, and after a reconnect. */
class EventStreamTest {
    static final Duration SECONDS = Duration.ofSeconds(5);

    @TempDir
    static Path directory;
    static HikariDataSource dataSource;
    static ApiServer server;

    @BeforeAll
    static void startServer() {
        String url = "jdbc:h2:file:" + directory.resolve("data/leads");
        dataSource = LeadStoreDataSource.create(new PipelineConfig.LeadStore(url, null, null), name -> null);
        server = new ApiServer(dataSource);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        dataSource.close();
    }

    static String publish(String enterpriseId, String district) {
        String leadId = UUID.randomUUID().toString();
        server.store.upsertLead(Messages.lead(leadId, 1, enterpriseId, district, Priority.P2, Messages.TEN,
                Duration.ofHours(4), List.of()), server.clock.instant());
        return leadId;
    }

    static String raise(String enterpriseId, String district) {
        String alertId = UUID.randomUUID().toString();
        server.store.upsertAlert(Messages.alert(alertId, AlertState.OPENED, "EXCEEDANCE", Severity.MAJOR, enterpriseId,
                district, "ww-01", Messages.TEN, Messages.TEN), server.clock.instant());
        return alertId;
    }

    @Test
    void aNewLeadAndAnOfficersActionArriveWithinSeconds() {
        try (EventStreamClient station = new EventStreamClient(server, ApiServer.STATION, null)) {
            assertThat(station.status).isEqualTo(200);

            String leadId = publish("ent-001", "jingkai");
            EventStreamClient.Event published = station.next(SECONDS);
            server.post("/api/leads/" + leadId + "/accept", ApiServer.OFFICER_01, "{\"note\":\"on my way\"}");
            EventStreamClient.Event accepted = station.next(SECONDS);

            assertThat(published.event()).isEqualTo("lead");
            assertThat(published.json().get("leadId").asText()).isEqualTo(leadId);
            assertThat(published.json().get("status").asText()).isEqualTo("NEW");
            assertThat(published.json().has("history")).isFalse();
            assertThat(accepted.json().get("leadId").asText()).isEqualTo(leadId);
            assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(accepted.id()).isGreaterThan(published.id());
        }
    }

    @Test
    void anAlertChangeArrivesAsAnAlertEvent() {
        try (EventStreamClient station = new EventStreamClient(server, ApiServer.STATION, null)) {
            String alertId = raise("ent-002", "jingkai");

            EventStreamClient.Event event = station.next(SECONDS);

            assertThat(event.event()).isEqualTo("alert");
            assertThat(event.json().get("alertId").asText()).isEqualTo(alertId);
            assertThat(event.json().get("district").asText()).isEqualTo("jingkai");
        }
    }

    @Test
    void anOfficerReceivesOnlyTheirDistrictsEvents() {
        try (EventStreamClient officer = new EventStreamClient(server, ApiServer.OFFICER_03, null);
             EventStreamClient station = new EventStreamClient(server, ApiServer.STATION, null)) {
            String jingkai = publish("ent-001", "jingkai");
            String tongguan = publish("ent-006", "tongguan");

            assertThat(station.next(SECONDS).json().get("leadId").asText()).isEqualTo(jingkai);
            assertThat(station.next(SECONDS).json().get("leadId").asText()).isEqualTo(tongguan);
            assertThat(officer.next(SECONDS).json().get("leadId").asText()).isEqualTo(tongguan);
            assertThat(officer.received()).isEmpty();
        }
    }

    @Nested
    class Reconnecting {
        @Test
        void withLastEventIdReplaysWhatWasMissedAndNothingElse() {
            long lastSeen;
            try (EventStreamClient first = new EventStreamClient(server, ApiServer.STATION, null)) {
                publish("ent-003", "jingkai");
                lastSeen = first.next(SECONDS).id();
            }
            String missedLead = publish("ent-003", "jingkai");
            String missedAlert = raise("ent-003", "jingkai");

            try (EventStreamClient resumed = new EventStreamClient(server, ApiServer.STATION, Long.toString(lastSeen))) {
                EventStreamClient.Event lead = resumed.next(SECONDS);
                EventStreamClient.Event alert = resumed.next(SECONDS);
                String live = publish("ent-003", "jingkai");
                EventStreamClient.Event next = resumed.next(SECONDS);

                assertThat(lead.json().get("leadId").asText()).isEqualTo(missedLead);
                assertThat(lead.id()).isGreaterThan(lastSeen);
                assertThat(alert.event()).isEqualTo("alert");
                assertThat(alert.json().get("alertId").asText()).isEqualTo(missedAlert);
                assertThat(next.json().get("leadId").asText()).isEqualTo(live);
                assertThat(resumed.received()).isEmpty();
            }
        }

        @Test
        void withoutLastEventIdStartsAtTheNewestChange() {
            publish("ent-004", "jingkai");
            try (EventStreamClient fresh = new EventStreamClient(server, ApiServer.STATION, null)) {
                String live = publish("ent-004", "jingkai");

                assertThat(fresh.next(SECONDS).json().get("leadId").asText()).isEqualTo(live);
            }
        }

        @Test
        void anOfficersReplayKeepsToTheirDistrict() {
            long before = server.store.lastChangeSeq();
            publish("ent-005", "jingkai");
            String tongguan = publish("ent-007", "tongguan");

            try (EventStreamClient officer = new EventStreamClient(server, ApiServer.OFFICER_03, Long.toString(before))) {
                assertThat(officer.next(SECONDS).json().get("leadId").asText()).isEqualTo(tongguan);
            }
        }

        @Test
        void aLastEventIdThatIsNotOneIsRefused() {
            try (EventStreamClient client = new EventStreamClient(server, ApiServer.STATION, "yesterday")) {
                assertThat(client.status).isEqualTo(400);
            }
        }
    }

    @Test
    void aStreamNeedsAToken() {
        try (EventStreamClient client = new EventStreamClient(server, null, null)) {
            assertThat(client.status).isEqualTo(401);
        }
    }

    @Test
    void aClientThatWentAwayIsRemovedOnceAWriteToItFails() {
        EventStreamClient client = new EventStreamClient(server, ApiServer.STATION, null);
        await().atMost(SECONDS).until(() -> gauge("ecowatch_leadservice_sse_clients") >= 1);

        client.close();

        // The server learns of a closed connection only when it writes to it: an event, or the keep-alive comment
        // every 15 s (the first write after the peer closed may still succeed; the next one fails).
        await().atMost(SECONDS).pollInterval(Duration.ofMillis(300)).until(() -> {
            publish("ent-005", "jingkai");
            return gauge("ecowatch_leadservice_sse_clients") == 0;
        });
    }

    static double gauge(String name) {
        for (String line : server.get("/metrics", ApiServer.STATION).body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name);
    }

    @Nested
    class SlowClients {
        @Test
        void aClientThatFallsBehindIsDroppedAndTheOthersReceiveEverything() throws InterruptedException {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            publish("ent-001", "jingkai");
            long before = server.store.lastChangeSeq();
            try (EventHub hub = new EventHub(server.store, server.clock, metrics, 3)) {
                hub.start();
                await().atMost(SECONDS).until(() -> hub.position() >= before);
                EventHub.Subscriber slow = hub.subscribe(null);
                EventHub.Subscriber reader = hub.subscribe(null);

                List<String> published = new ArrayList<>();
                List<String> read = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    published.add(publish("ent-001", "jingkai"));
                    EventHub.Event event = reader.next(SECONDS);
                    assertThat(event).isNotNull();
                    read.add(Json.parseObject(event.data()).get("leadId").asText());
                }

                assertThat(read).isEqualTo(published);
                assertThat(slow.next(Duration.ZERO)).isSameAs(EventHub.CLOSED);
                assertThat(hub.clients()).isEqualTo(1);
                assertThat(metrics.counter("ecowatch.leadservice.sse.dropped").count()).isEqualTo(1.0);
            }
        }
    }
}
