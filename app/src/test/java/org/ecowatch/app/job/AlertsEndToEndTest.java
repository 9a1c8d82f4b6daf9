package org.ecowatch.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ecowatch.alerts.outcomes.ConfirmedOutcome;
import org.ecowatch.alerts.outcomes.ConfirmedOutcomesPublisher;
import org.ecowatch.alerts.service.LeadService;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.alerts.testing.ConsoleBrowser;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.Services;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.ecowatch.ingest.testing.TestPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted morning of one paper mill (ent-009, COD limit 90 mg/L) through the whole job from MQTT, parallelism 2,
 * on a Mosquitto of the test's own (it shares a shared subscription's load between both sessions, so both source
 * subtasks move event time): COD normal for an hour, at about 1.7 × the limit for two hours, normal again. The
 * alerts become one inspection lead; a repeat when the lead service had published, before the job started, a
 * violation of the mill confirmed 30 days earlier, and not one when that violation is 91 days old. The lead service,
 * subscribed to the same broker, stores the lead and serves it to an officer of the mill's district, with its alerts
 * and evidence, and to nobody of another district; the station's console page, open in a browser all along, shows the
 * lead as it arrives, without reloading (skipped without Chromium, except in CI).
 */
class AlertsEndToEndTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final SharedQuestDb STORE = new SharedQuestDb();

    static final String TOPIC = PipelineHarness.prefix() + "/telemetry/ent-009/ww-01";
    /** (rule, state, severity) of every alert message the morning must produce, and nothing else. */
    static final Set<String> EXPECTED = Set.of(
            "EARLY_WARNING OPENED WARNING", "EARLY_WARNING RESOLVED WARNING",
            "EXCEEDANCE OPENED CRITICAL", "EXCEEDANCE RESOLVED CRITICAL");

    @TempDir
    Path checkpoints;

    /** The mill's district's officer, and an officer of another district. */
    static final String OFFICER = officerOf(true);
    static final String OTHER_OFFICER = officerOf(false);
    static final String OFFICER_TOKEN = "officer-token-of-the-mills-district";
    static final String OTHER_OFFICER_TOKEN = "officer-token-of-another-district";
    static final String STATION_TOKEN = "station-token-of-the-end-to-end-test";
    static final ApiTokens TOKENS = tokens();

    static String officerOf(boolean millsDistrict) {
        String district = PipelineHarness.DEMO.registry().enterprise("ent-009").orElseThrow().district();
        return PipelineHarness.DEMO.registry().districts().stream().filter(d -> d.id().equals(district) == millsDistrict)
                .findFirst().orElseThrow().officers().get(0).id();
    }

    static ApiTokens tokens() {
        try {
            return ApiTokens.parse("TEST_TOKENS", "officer/" + OFFICER + "=" + OFFICER_TOKEN + ",officer/" + OTHER_OFFICER + "="
                    + OTHER_OFFICER_TOKEN + ",station/duty-desk=" + STATION_TOKEN, PipelineHarness.DEMO.registry());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET {@code path} from the lead service with {@code token}, as JSON (an error body too). */
    static JsonNode api(LeadService service, String path, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    /** Six hours from 08:00 China time, one batch a minute. */
    static List<String> morning() {
        List<String> batches = new ArrayList<>();
        for (int minute = 0; minute < 360; minute++) {
            double cod = minute >= 60 && minute < 180 ? 150 + minute % 5 : 40 + minute % 5;
            batches.add("{\"ts\":" + Batches.MORNING.plusSeconds(60L * minute).toEpochMilli() + ",\"readings\":["
                    + "{\"metric\":\"w01018\",\"value\":" + cod + "},"
                    + "{\"metric\":\"w21003\",\"value\":" + (3 + minute % 7 * 0.1) + "},"
                    + "{\"metric\":\"w01001\",\"value\":" + (7 + minute % 3 * 0.1) + "},"
                    + "{\"metric\":\"w00000\",\"value\":" + (10 + minute % 4) + "}]}");
        }
        return batches;
    }

    static Set<String> summary(List<JsonNode> alerts) {
        Set<String> summary = new TreeSet<>();
        alerts.forEach(a -> summary.add(a.get("rule").asText() + " " + a.get("state").asText() + " " + a.get("severity").asText()));
        return summary;
    }

    static Set<String> ids(List<JsonNode> alerts) {
        Set<String> ids = new TreeSet<>();
        alerts.forEach(a -> ids.add(a.get("alertId").asText() + " " + a.get("state").asText()));
        return ids;
    }

    /** What the lead service publishes, retained, once an officer confirmed a violation of the mill {@code daysBefore} the morning. */
    static void confirmedViolation(String brokerUrl, int daysBefore) throws Exception {
        Instant openedAt = Batches.MORNING.minus(Duration.ofDays(daysBefore));
        try (ConfirmedOutcomesPublisher outcomes = new ConfirmedOutcomesPublisher(MqttConnectionSettings.of(brokerUrl),
                PipelineHarness.prefix())) {
            outcomes.publish("ent-009", List.of(new ConfirmedOutcome("an-earlier-lead", "ent-009", openedAt,
                    openedAt.plus(Duration.ofDays(1)))));
        }
    }

    @Test
    void aScriptedMorningRaisesExactlyTheExpectedAlertsAndAReplayAfterAFailureGivesTheSameIds() throws Exception {
        Set<String> uninterrupted;
        try (MosquittoServer mosquitto = MosquittoServer.start(false)) {
            confirmedViolation(mosquitto.url(), 30);
            try (LeadService leadService = LeadService.start(new LeadService.Settings(PipelineHarness.DEMO,
                         MqttConnectionSettings.of(mosquitto.url()), false, "jdbc:h2:file:" + checkpoints.resolve("leads").toAbsolutePath(),
                         TOKENS, "127.0.0.1", 0, STORE.httpUrl()));
                 PipelineHarness pipeline = new PipelineHarness(mosquitto.url(), false);
                 TestPublisher publisher = new TestPublisher(mosquitto.url());
                 ConsoleBrowser browser = ConsoleBrowser.installed() || Services.required()
                         ? ConsoleBrowser.open(leadService.url()) : null) {
                pipeline.start(STORE.httpUrl(), sink -> sink, checkpoints.resolve("first"));
                if (browser != null) {
                    browser.signIn(STATION_TOKEN, "#/station");
                    browser.find(".tile[data-enterprise=ent-009][data-state=normal]");
                    browser.script("window.sameDocument = true;");
                }
                publisher.send(TOPIC, morning());

                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(summary(pipeline.alerts)).isEqualTo(EXPECTED));
                Thread.sleep(2_000); // nothing more may come
                assertThat(summary(pipeline.alerts)).isEqualTo(EXPECTED);
                assertThat(pipeline.alerts).hasSize(EXPECTED.size());
                assertThat(pipeline.alerts).allSatisfy(alert -> {
                    assertThat(alert.get("schema").asText()).isEqualTo("ecowatch.alert/1");
                    assertThat(alert.get("enterpriseId").asText()).isEqualTo("ent-009");
                    assertThat(alert.get("evidence")).isNotEmpty();
                    assertThat(alert.get("message").asText()).isNotBlank();
                });
                uninterrupted = ids(pipeline.alerts);
                // One incident, one lead: the exceedance at 1.7 × the limit makes it P1, and P1 means an inspection
                // on site even for this positive-list enterprise; a general unit is due within 48 h.
                await().atMost(Duration.ofSeconds(30)).until(() -> !pipeline.leads.isEmpty());
                JsonNode lead = pipeline.leads.get(pipeline.leads.size() - 1);
                assertThat(pipeline.leads.stream().map(l -> l.get("leadId").asText()).distinct()).hasSize(1);
                assertThat(lead.get("schema").asText()).isEqualTo("ecowatch.lead/1");
                assertThat(lead.get("district").asText()).isEqualTo(PipelineHarness.DEMO.registry().enterprise("ent-009").orElseThrow().district());
                assertThat(lead.get("priority").asText()).isEqualTo("P1");
                assertThat(lead.get("action").asText()).isEqualTo("ONSITE_INSPECTION");
                assertThat(lead.get("category").asText()).isEqualTo("EXCEEDANCE");
                assertThat(java.time.Duration.between(java.time.OffsetDateTime.parse(lead.get("openedAt").asText()),
                        java.time.OffsetDateTime.parse(lead.get("dueBy").asText()))).isEqualTo(Duration.ofHours(48));
                assertThat(lead.get("evidence")).isNotEmpty();
                assertThat(lead.get("repeat").asBoolean()).as("a repeat of the violation confirmed 30 days before").isTrue();

                // The lead service stored it: an officer of the mill's district sees it with its alerts and evidence.
                String leadId = lead.get("leadId").asText();
                JsonNode detail = await().atMost(Duration.ofSeconds(30)).until(
                        () -> api(leadService, "/api/leads/" + leadId, OFFICER_TOKEN),
                        d -> d.path("lead").path("version").asInt() == lead.get("version").asInt()
                                && d.path("alerts").size() == 2 && d.path("alerts").findValues("state").stream().allMatch(JsonNode::isTextual));
                assertThat(detail.path("lead").path("priority").asText()).isEqualTo("P1");
                assertThat(detail.path("lead").path("action").asText()).isEqualTo("ONSITE_INSPECTION");
                assertThat(detail.path("lead").path("status").asText()).isEqualTo("NEW");
                assertThat(detail.path("lead").path("evidence")).isNotEmpty();
                assertThat(detail.path("lead").path("evidence").get(0).path("metric").asText()).isEqualTo("w01018");
                assertThat(detail.path("alerts").findValuesAsText("rule")).containsExactlyInAnyOrder("EARLY_WARNING", "EXCEEDANCE");
                assertThat(detail.path("history").get(0).path("action").asText()).isEqualTo("PUBLISHED");
                assertThat(api(leadService, "/api/leads?enterprise=ent-009", OFFICER_TOKEN).path("total").asInt()).isEqualTo(1);
                // An officer of another district is refused.
                assertThat(api(leadService, "/api/leads/" + leadId, OTHER_OFFICER_TOKEN).path("error").asText()).isEqualTo("forbidden");
                if (browser != null) {
                    // The station's page, open since before the first reading, shows the lead live on its board.
                    assertThat(browser.find(".board-column[data-status=NEW] .lead-card[data-lead='" + leadId + "']").getText())
                            .contains("丁字湾纸品包装有限公司").contains("P1").contains("超标排放");
                    assertThat(browser.script("return window.sameDocument === true")).as("the page was not reloaded").isEqualTo(true);
                }
            }
        }
        // The cancelled job left its checkpoints for `./ecowatch run` to resume from.
        assertThat(LatestCheckpoint.in(checkpoints.resolve("first"))).isPresent();
        // The same input again on a fresh broker and store state, failing once between checkpoints.
        EcowatchJobTest.FailOnce.reset(600);
        try (MosquittoServer mosquitto = MosquittoServer.start(false)) {
            confirmedViolation(mosquitto.url(), 91);
            try (PipelineHarness pipeline = new PipelineHarness(mosquitto.url(), false);
                 TestPublisher publisher = new TestPublisher(mosquitto.url())) {
                pipeline.start(STORE.httpUrl(), EcowatchJobTest.FailOnce::new, checkpoints.resolve("second"));
                publisher.send(TOPIC, morning());

                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(ids(pipeline.alerts)).isEqualTo(uninterrupted));
                assertThat(EcowatchJobTest.FailOnce.FAILED).isTrue();
                // MQTT publishing is at-least-once: a message emitted after the last checkpoint may be sent again,
                // identical (same alertId and state); never a second episode.
                assertThat(pipeline.alerts.stream().filter(a -> a.get("state").asText().equals("OPENED"))
                        .map(a -> a.get("alertId").asText()).distinct()).hasSize(2);
                await().atMost(Duration.ofSeconds(30)).until(() -> !pipeline.leads.isEmpty());
                assertThat(pipeline.leads).extracting(l -> l.get("repeat").asBoolean())
                        .as("the confirmed violation is more than 90 days old").containsOnly(false);
            }
        }
    }
}
