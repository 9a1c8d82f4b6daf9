package org.ecowatch.alerts.service.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.alerts.service.readings.LineProtocol;
import org.ecowatch.alerts.testing.ConsoleBrowser;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The console in real headless Chromium against the lead service: leads and alerts published on MQTT as the pipeline
 * publishes them, through the intake into the lead store and out on the event stream to the page; readings from
 * embedded QuestDB. One browser and one service for the class. The tests also take the screenshots of docs/console.
 */
class ConsoleBrowserTest {
    @RegisterExtension
    static final SharedQuestDb QUEST_DB = new SharedQuestDb();

    @TempDir
    static Path directory;

    static RunningLeadService service;
    static ConsoleBrowser browser;
    static Scenario scenario;

    @BeforeAll
    static void startTheServiceAndABrowser() throws Exception {
        service = RunningLeadService.start(directory, QUEST_DB.httpUrl());
        scenario = new Scenario();
        scenario.play(service, QUEST_DB.httpUrl());
        browser = ConsoleBrowser.open(service.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @AfterEach
    void everyVisibleTextCameFromTheBundles() {
        assertThat(browser.missingMessages()).isEmpty();
        browser.size(ConsoleBrowser.DESKTOP);
    }

    /** COD at 1.6 × the limit at the enterprise's outlet since {@code ago}: its alert and its lead, published now. */
    static Lead newIncident(String enterpriseId, Duration ago) throws Exception {
        Instant started = scenario.now().minus(ago);
        double limit = RunningLeadService.DEMO.thresholds().effective("w01018",
                RunningLeadService.DEMO.registry().enterprise(enterpriseId).orElseThrow().industry(), enterpriseId, "ww-01")
                .orElseThrow().limit();
        Alert alert = Incidents.alert(enterpriseId, "ww-01", "w01018", "EXCEEDANCE", Severity.CRITICAL, AlertState.OPENED,
                started, started.plus(Duration.ofMinutes(10)), 1.6 * limit, limit);
        Lead lead = Incidents.lead(enterpriseId, Lead.Priority.P1, Lead.Action.ONSITE_INSPECTION, started,
                Duration.ofHours(4), 1, List.of(alert));
        List<String> readings = new ArrayList<>();
        for (Instant ts = started; !ts.isAfter(scenario.now()); ts = ts.plus(Duration.ofMinutes(1))) {
            readings.add(Scenario.point("wastewater_outlet", enterpriseId, "ww-01", "w01018",
                    limit * (1.55 + 0.1 * Math.sin(ts.getEpochSecond() / 600.0)), ts));
        }
        LineProtocol.write(QUEST_DB.httpUrl(), readings);
        service.publish(alert);
        service.publish(lead);
        return lead;
    }

    static String officerName(String officerId) {
        return RunningLeadService.DEMO.registry().districts().stream().flatMap(d -> d.officers().stream())
                .filter(o -> o.id().equals(officerId)).findFirst().orElseThrow().name();
    }

    static void awaitStored(Lead lead) {
        await().atMost(Duration.ofSeconds(10)).until(() -> service.get("/api/leads/" + lead.leadId(), Scenario.STATION).status() == 200);
    }

    @Nested
    class TheStation {
        @Test
        void showsALeadPublishedOnMqttLiveWithoutReloading() throws Exception {
            browser.signIn(Scenario.STATION, "#/station");
            browser.find(".board-column[data-status=NEW] .lead-card");
            browser.find(".tile[data-enterprise=ent-006][data-state=normal]");
            browser.script("window.sameDocument = true;");

            Lead lead = newIncident("ent-006", Duration.ofMinutes(50));

            WebElement card = browser.find(".board-column[data-status=NEW] .lead-card[data-lead='" + lead.leadId() + "']");
            assertThat(card.getText()).contains("湖南铜官精细化工有限公司").contains("P1").contains("超标排放");
            assertThat(browser.find(".tile[data-enterprise=ent-006][data-state=alerting]").getText()).contains("严重 1");
            assertThat(browser.text("#feed")).contains("超标排放");
            assertThat(browser.script("return window.sameDocument === true")).as("the page was not reloaded").isEqualTo(true);
            assertThat(browser.text(".kpi[data-kpi=newLeads] .kpi-value")).isEqualTo(String.valueOf(
                    service.get("/api/leads?status=NEW", Scenario.STATION).body().path("total").asInt()));

            browser.screenshot("station-desktop", 2200);
            browser.size(ConsoleBrowser.PHONE);
            browser.screenshot("station-phone", ConsoleBrowser.PHONE.getHeight());
        }

        @Test
        void marksOverdueLeadsAndShowsHowEachRuleFares() {
            browser.signIn(Scenario.STATION, "#/station");

            WebElement overdue = browser.find(".board-column[data-status=ACCEPTED] .lead-card[data-enterprise=ent-009]");
            assertThat(overdue.getDomAttribute("data-overdue")).isEqualTo("true");
            assertThat(overdue.getText()).contains("已逾期");
            assertThat(browser.find("#rule-statistics tr[data-rule=FLATLINE]").getText()).contains("100%");
            assertThat(browser.find("#rule-statistics tr[data-rule=OUT_OF_RANGE]").getText()).contains("0%");
        }
    }

    @Nested
    class AnOfficerOfAnotherDistrict {
        @Test
        void seesNeitherTheLeadInTheConsoleNorThroughTheApi() throws Exception {
            Lead lead = newIncident("ent-004", Duration.ofMinutes(30));
            awaitStored(lead);
            String outsider = ApiTokens.demoOfficerToken(Incidents.officerOutside(lead.district()));
            String insider = ApiTokens.demoOfficerToken(Incidents.officerOf(lead.district()));

            browser.signIn(outsider, "#/desk");
            browser.find("#desk-leads .lead-card, #desk-leads .empty");
            assertThat(browser.has(".lead-card[data-lead='" + lead.leadId() + "']")).isFalse();
            assertThat(browser.all("#desk-leads .lead-card")).allSatisfy(c -> assertThat(c.getDomAttribute("data-enterprise")).isNotIn("ent-004"));
            browser.go("#/lead/" + lead.leadId());
            assertThat(browser.text(".error-box")).contains("无权查看");

            assertThat(service.get("/api/leads/" + lead.leadId(), outsider).status()).isEqualTo(403);
            assertThat(service.get("/api/leads", outsider).body().path("leads").findValuesAsText("leadId")).doesNotContain(lead.leadId());
            assertThat(service.get("/api/readings/latest?enterprise=ent-004", outsider).status()).isEqualTo(403);
            // while an officer of its own district does see it
            assertThat(service.get("/api/leads/" + lead.leadId(), insider).status()).isEqualTo(200);
            browser.signIn(insider, "#/desk");
            browser.find(".lead-card[data-lead='" + lead.leadId() + "']");
        }
    }

    @Nested
    class TheOfficerDesk {
        @Test
        void acceptingAndReportingAnOutcomeOnAPhoneChangesTheLeadsStatusAndHistory() throws Exception {
            Lead lead = newIncident("ent-003", Duration.ofMinutes(80));
            awaitStored(lead);
            String officer = Incidents.officerOf(lead.district());
            browser.size(ConsoleBrowser.PHONE);
            browser.signIn(ApiTokens.demoOfficerToken(officer), "#/desk");
            browser.find(".lead-card[data-lead='" + lead.leadId() + "']").click();

            browser.find("#accept").click();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(browser.text("#lead-head")).contains("已受理");
                assertThat(browser.text("#lead-history")).contains("受理").contains(officerName(officer));
            });

            browser.find("#outcome-choices input[value=CONFIRMED_VIOLATION]").click();
            browser.type(browser.find("#action-note"), "旁路阀门开启，已拍照");
            browser.find("#report-outcome").click();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(browser.text("#lead-head")).contains("已反馈");
                assertThat(browser.text("#lead-history")).contains("反馈结果").contains("确认违法").contains("旁路阀门开启，已拍照");
                assertThat(browser.text("#lead-outcome")).isEqualTo("确认违法");
                assertThat(browser.has("#close-lead")).isTrue();
            });

            RunningLeadService.Answer stored = service.get("/api/leads/" + lead.leadId(), Scenario.STATION);
            assertThat(stored.body().path("lead").path("status").asText()).isEqualTo("OUTCOME_REPORTED");
            assertThat(stored.body().path("lead").path("outcome").asText()).isEqualTo("CONFIRMED_VIOLATION");
            assertThat(stored.body().path("history").findValuesAsText("action"))
                    .containsExactly("PUBLISHED", "ACCEPTED", "OUTCOME_REPORTED");
            assertThat(stored.body().path("history").get(1).path("actor").asText()).isEqualTo(officer);

            browser.screenshot("lead-phone", ConsoleBrowser.PHONE.getHeight());
            browser.go("#/desk");
            browser.find("#desk-leads .lead-card");
            browser.screenshot("desk-phone", ConsoleBrowser.PHONE.getHeight());
            browser.size(ConsoleBrowser.DESKTOP);
            browser.go("#/lead/" + lead.leadId());
            browser.find("#lead-history");
            browser.find(".card-evidence .chart[data-points]");
            browser.screenshot("lead-desktop", 1600);
        }
    }

    @Nested
    class TheEnterprisePage {
        @Test
        void chartsTheReadingsWithTheLimitAndShadesTheAlert() {
            browser.signIn(Scenario.STATION, "#/enterprise/ent-001");

            WebElement chart = browser.find(".chart[data-device=ww-01][data-metric=w01018][data-points]");
            // the last 24 h, one reading a minute, as written to the store
            assertThat(Integer.parseInt(chart.getDomAttribute("data-points"))).isBetween(24 * 60 - 1, 24 * 60 + 1);
            assertThat(chart.getDomAttribute("data-limit")).isEqualTo("60");
            assertThat(chart.getDomAttribute("data-alert-intervals")).isEqualTo("2"); // the exceedance and the early warning
            String svg = chart.getDomProperty("innerHTML");
            assertThat(svg).contains("<svg").contains("<path");
            assertThat(chart.getText()).contains("限值 60");
            assertThat(browser.find("#devices [data-device=ww-01] tr[data-metric=w01018] td.over").getText()).contains("mg/L");
            assertThat(browser.text("#enterprise-address")).contains("金星北路");

            browser.find("[data-range='6h']").click();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                String points = browser.find(".chart[data-device=ww-01][data-metric=w01018]").getDomAttribute("data-points");
                return points != null && Integer.parseInt(points) <= 6 * 60 + 1;
            });
            browser.find("[data-range='24h']").click();
            browser.find(".chart[data-device=pm-treat][data-points]");
            browser.screenshot("enterprise-desktop", 2400);
            browser.size(ConsoleBrowser.PHONE);
            browser.screenshot("enterprise-phone", ConsoleBrowser.PHONE.getHeight());
        }
    }

    @Nested
    class TheReadingsApi {
        static final String COD = "/api/readings?enterprise=ent-001&device=ww-01&metric=%s&from=%s&to=%s";

        String cod(String metric, Duration back) {
            return String.format(COD, metric, scenario.now().minus(back), scenario.now());
        }

        @Test
        void answersADevicesReadingsWithTheLimit() throws Exception {
            RunningLeadService.Answer answer = service.get(cod("w01018", Duration.ofHours(1)), ApiTokens.demoOfficerToken("officer-01"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("limit").asDouble()).isEqualTo(Scenario.ENT_001_COD_LIMIT);
            assertThat(answer.body().path("unit").asText()).isEqualTo("mg/L");
            assertThat(answer.body().path("points")).hasSize(60);
            assertThat(answer.body().path("points").get(0).path("ts").asText()).endsWith("+08:00");
        }

        @Test
        void refusesWhatTheRegistryDoesNotKnowNamingTheParameter() throws Exception {
            RunningLeadService.Answer wrongMetric = service.get(cod("a21002", Duration.ofHours(1)), Scenario.STATION);
            assertThat(wrongMetric.status()).isEqualTo(400);
            assertThat(wrongMetric.body().path("field").asText()).isEqualTo("metric");
            assertThat(wrongMetric.body().path("message").asText()).contains("w01018");
            assertThat(service.get(cod("w01018", Duration.ofDays(40)), Scenario.STATION).body().path("field").asText()).isEqualTo("from");
            assertThat(service.get("/api/readings?enterprise=ent-001&device=ww-99&metric=w01018&from=" + scenario.now().minusSeconds(60)
                    + "&to=" + scenario.now(), Scenario.STATION).status()).isEqualTo(404);
            assertThat(service.get("/api/readings?enterprise=ent-001&device=ww-01&metric=w01018", Scenario.STATION).body()
                    .path("field").asText()).isEqualTo("from");
        }
    }

    @Nested
    class TheLanguage {
        @Test
        void isChineseByDefaultAndSwitchesToEnglish() {
            browser.signIn(Scenario.STATION, "#/station");
            assertThat(browser.text("h1")).isEqualTo("监控中心");

            browser.find("#language").click();
            await().atMost(Duration.ofSeconds(5)).until(() -> browser.text("h1").equals("Monitoring station"));
            assertThat(browser.text("#nav")).contains("Station").contains("Officer desk");
            assertThat(browser.find(".board-column[data-status=NEW] .board-head").getText()).contains("New");

            browser.find("#language").click();
            await().atMost(Duration.ofSeconds(5)).until(() -> browser.text("h1").equals("监控中心"));
        }
    }
}
