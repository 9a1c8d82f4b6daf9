package org.ecowatch.alerts.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.ecowatch.alerts.leads.Lead.Priority;
import org.ecowatch.alerts.message.AlertJson;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.alerts.service.store.AlertMessage;
import org.ecowatch.alerts.service.store.LeadMessage;
import org.ecowatch.alerts.service.store.Outcome;
import org.ecowatch.analytics.anomaly.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint of docs/API.md through a real HTTP client against a real server and store, with the demo registry
 * and tokens. One server per class; each test keeps to its own day of event time or its own enterprises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LeadApiContract {
    static final String STATION = ApiServer.STATION;
    static final String OFFICER_01 = ApiServer.OFFICER_01;
    static final String OFFICER_03 = ApiServer.OFFICER_03;

    ApiServer server;

    /** The database of this run; called once, before the server starts. */
    protected abstract DataSource dataSource();

    protected abstract void closeDataSource();

    @BeforeAll
    void startServer() {
        server = new ApiServer(dataSource());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        closeDataSource();
    }

    // ------------------------------------------------------------------ fixtures

    /** Stores version {@code version} of a lead as the intake would; P2, due 4 h after {@code openedAt}. */
    LeadMessage publish(String leadId, int version, String enterpriseId, Instant openedAt, String... alertIds) {
        return publish(leadId, version, enterpriseId, Priority.P2, openedAt, Duration.ofHours(4), alertIds);
    }

    LeadMessage publish(String leadId, int version, String enterpriseId, Priority priority, Instant openedAt,
            Duration due, String... alertIds) {
        LeadMessage lead = Messages.lead(leadId, version, enterpriseId, districtOf(enterpriseId), priority, openedAt,
                due, List.of(alertIds));
        server.store.upsertLead(lead, server.clock.instant());
        return lead;
    }

    AlertMessage raise(String alertId, AlertState state, String rule, Severity severity, String enterpriseId,
            String deviceId, Instant startedAt, Instant at) {
        AlertMessage alert = Messages.alert(alertId, state, rule, severity, enterpriseId, districtOf(enterpriseId),
                deviceId, startedAt, at);
        server.store.upsertAlert(alert, server.clock.instant());
        return alert;
    }

    String districtOf(String enterpriseId) {
        return server.config.registry().enterprise(enterpriseId).map(e -> e.district()).orElse("unassigned");
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** {@code from} and {@code to} around one test day, URL-encoded. */
    static String day(Instant day) {
        return "from=" + day.minusSeconds(3600).toString() + "&to=" + day.plus(Duration.ofHours(20));
    }

    /** An instant as the pipeline writes it for Changsha: {@code 2026-11-28T10:00:00+08:00}. */
    static String local(Instant instant) {
        return AlertJson.time(instant.toEpochMilli(), ZoneId.of(Messages.ZONE));
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    static void assertError(ApiServer.Response response, int status, String error, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).isNotBlank();
        if (field == null) {
            assertThat(body.has("field")).isFalse();
        } else {
            assertThat(body.get("field").asText()).isEqualTo(field);
        }
    }

    // ------------------------------------------------------------------ tests

    @Nested
    class Authentication {
        @Test
        void aRequestWithoutATokenIsRefused() {
            assertError(server.get("/api/leads", null), 401, "unauthenticated", null);
        }

        @Test
        void anUnknownTokenOrAnotherSchemeIsRefused() {
            assertError(server.get("/api/leads", "demo-officer-99-token"), 401, "unauthenticated", null);
            var basic = server.send(server.request("/api/leads", null)
                    .header("Authorization", "Basic ZGVtbzpkZW1v").GET().build());
            assertError(basic, 401, "unauthenticated", null);
        }

        @Test
        void meTellsAClientWhoItIs() {
            assertThat(server.get("/api/me", STATION).json().toString()).isEqualTo(
                    "{\"name\":\"station\",\"role\":\"station\",\"district\":null,\"displayName\":\"station\"}");
            assertThat(server.get("/api/me", OFFICER_01).json().toString()).isEqualTo(
                    "{\"name\":\"officer-01\",\"role\":\"officer\",\"district\":\"jingkai\",\"displayName\":\"刘志强\"}");
        }

        @Test
        void anUnknownPathIsNotFound() {
            assertError(server.get("/api/nothing", STATION), 404, "not-found", null);
        }
    }

    @Nested
    class ListingLeads {
        @Test
        void listsTheMostUrgentFirstThenByDueTime() {
            Instant day = server.newDay();
            String p3 = publish(newId(), 1, "ent-001", Priority.P3, day, Duration.ofHours(4)).leadId();
            String p1Later = publish(newId(), 1, "ent-002", Priority.P1, day, Duration.ofHours(48)).leadId();
            String p1Sooner = publish(newId(), 1, "ent-006", Priority.P1, day.plusSeconds(600), Duration.ofHours(4))
                    .leadId();

            JsonNode page = server.get("/api/leads?" + day(day), STATION).json();

            assertThat(page.get("total").asLong()).isEqualTo(3);
            assertThat(texts(page.get("leads"), "leadId")).containsExactly(p1Sooner, p1Later, p3);
            assertThat(page.get("limit").asInt()).isEqualTo(100);
            assertThat(page.get("offset").asInt()).isZero();
        }

        @Test
        void pagesThroughTheList() {
            Instant day = server.newDay();
            for (int i = 0; i < 5; i++) {
                publish(newId(), 1, "ent-001", day.plusSeconds(60L * i));
            }

            JsonNode page = server.get("/api/leads?" + day(day) + "&limit=2&offset=4", STATION).json();

            assertThat(page.get("total").asLong()).isEqualTo(5);
            assertThat(page.get("leads")).hasSize(1);
            assertThat(page.get("limit").asInt()).isEqualTo(2);
            assertThat(page.get("offset").asInt()).isEqualTo(4);
        }

        @Test
        void filtersByStatusPriorityAndEnterprise() {
            Instant day = server.newDay();
            String accepted = publish(newId(), 1, "ent-001", Priority.P1, day, Duration.ofHours(4)).leadId();
            publish(newId(), 1, "ent-001", Priority.P2, day, Duration.ofHours(4));
            String other = publish(newId(), 1, "ent-002", Priority.P2, day, Duration.ofHours(4)).leadId();
            server.store.accept(accepted, "officer-01", null, server.clock.instant());

            assertThat(texts(server.get("/api/leads?" + day(day) + "&status=ACCEPTED", STATION).json().get("leads"),
                    "leadId")).containsExactly(accepted);
            assertThat(server.get("/api/leads?" + day(day) + "&status=NEW&status=ACCEPTED", STATION).json()
                    .get("total").asLong()).isEqualTo(3);
            assertThat(server.get("/api/leads?" + day(day) + "&priority=P1", STATION).json().get("total").asLong())
                    .isEqualTo(1);
            assertThat(texts(server.get("/api/leads?" + day(day) + "&enterprise=ent-002", STATION).json()
                    .get("leads"), "leadId")).containsExactly(other);
        }

        @Test
        void filtersOnOpenedAtFromInclusiveToExclusiveWithOffsets() {
            Instant day = server.newDay();
            String nine = publish(newId(), 1, "ent-001", day.minusSeconds(3600)).leadId();
            String ten = publish(newId(), 1, "ent-001", day).leadId();

            // 10:00 in Changsha is the day's instant; the + of the offset is encoded as %2B.
            String tenLocal = local(day).replace("+", "%2B");
            assertThat(texts(server.get("/api/leads?from=" + tenLocal, STATION).json().get("leads"), "leadId"))
                    .contains(ten).doesNotContain(nine);
            assertThat(texts(server.get("/api/leads?" + "from=" + day.minusSeconds(3600) + "&to=" + tenLocal, STATION)
                    .json().get("leads"), "leadId")).containsExactly(nine);
        }

        @Test
        void anOfficerSeesOnlyTheirDistrictWithoutAskingAndIsRefusedAnother() {
            Instant day = server.newDay();
            String jingkai = publish(newId(), 1, "ent-001", day).leadId();
            publish(newId(), 1, "ent-006", day);

            assertThat(texts(server.get("/api/leads?" + day(day), OFFICER_01).json().get("leads"), "leadId"))
                    .containsExactly(jingkai);
            assertThat(server.get("/api/leads?" + day(day) + "&district=jingkai", OFFICER_01).status()).isEqualTo(200);
            assertError(server.get("/api/leads?district=tongguan", OFFICER_01), 403, "forbidden", null);
            assertThat(server.get("/api/leads?" + day(day) + "&district=tongguan", STATION).json().get("total")
                    .asLong()).isEqualTo(1);
        }

        @Test
        void refusesParametersThatAreNotOneOfTheirValuesNamingThem() {
            assertError(server.get("/api/leads?status=new", STATION), 400, "invalid-parameter", "status");
            assertError(server.get("/api/leads?priority=P4", STATION), 400, "invalid-parameter", "priority");
            assertError(server.get("/api/leads?district=atlantis", STATION), 400, "invalid-parameter", "district");
            assertError(server.get("/api/leads?from=yesterday", STATION), 400, "invalid-parameter", "from");
            assertError(server.get("/api/leads?limit=501", STATION), 400, "invalid-parameter", "limit");
            assertError(server.get("/api/leads?offset=-1", STATION), 400, "invalid-parameter", "offset");
            assertError(server.get("/api/leads?statuss=NEW", STATION), 400, "invalid-parameter", "statuss");
            assertThat(server.get("/api/leads?status=new", STATION).json().get("message").asText())
                    .isEqualTo("status must be one of NEW, ACCEPTED, OUTCOME_REPORTED, CLOSED");
        }
    }

    @Nested
    class OneLead {
        @Test
        void showsTheLeadWithItsAlertsInOrderAndItsHistory() {
            Instant day = server.newDay();
            String leadId = newId();
            String stored = newId();
            String notYet = newId();
            raise(stored, AlertState.ESCALATED, "EXCEEDANCE", Severity.CRITICAL, "ent-001", "ww-01", day, day);
            publish(leadId, 1, "ent-001", day, notYet, stored);
            server.store.accept(leadId, "officer-01", "on my way", server.clock.instant());

            JsonNode json = server.get("/api/leads/" + leadId, OFFICER_01).json();

            assertThat(json.get("lead").get("leadId").asText()).isEqualTo(leadId);
            assertThat(json.get("lead").get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(json.get("lead").get("acceptedBy").asText()).isEqualTo("officer-01");
            assertThat(json.get("alerts").get(0).toString())
                    .isEqualTo("{\"alertId\":\"" + notYet + "\",\"state\":null}");
            assertThat(json.get("alerts").get(1).get("alertId").asText()).isEqualTo(stored);
            assertThat(json.get("alerts").get(1).get("state").asText()).isEqualTo("ESCALATED");
            assertThat(json.get("alerts").get(1).get("district").asText()).isEqualTo("jingkai");
            assertThat(texts(json.get("history"), "action")).containsExactly("PUBLISHED", "ACCEPTED");
            assertThat(json.get("history").get(1).get("actor").asText()).isEqualTo("officer-01");
            assertThat(json.get("history").get(1).get("note").asText()).isEqualTo("on my way");
        }

        @Test
        void isOverdueOnceTheServiceClockPassesDueByWithoutAnOutcome() {
            Instant day = server.newDay();
            String leadId = publish(newId(), 1, "ent-001", Priority.P1, day, Duration.ofHours(4)).leadId();

            server.clock.set(day.plus(Duration.ofHours(4)).plusSeconds(1));
            try {
                assertThat(server.get("/api/leads/" + leadId, STATION).json().get("lead").get("overdue").asBoolean())
                        .isTrue();
            } finally {
                server.clock.set(ApiServer.START);
            }
            assertThat(server.get("/api/leads/" + leadId, STATION).json().get("lead").get("overdue").asBoolean())
                    .isFalse();
        }

        @Test
        void anUnknownLeadIsNotFound() {
            assertError(server.get("/api/leads/" + newId(), STATION), 404, "not-found", null);
        }

        @Test
        void anOfficerOfAnotherDistrictIsRefused() {
            String leadId = publish(newId(), 1, "ent-006", server.newDay()).leadId();

            assertError(server.get("/api/leads/" + leadId, OFFICER_01), 403, "forbidden", null);
            assertThat(server.get("/api/leads/" + leadId, OFFICER_03).status()).isEqualTo(200);
        }
    }

    @Nested
    class OfficerActions {
        @Test
        void anOfficerAcceptsReportsAnOutcomeAndClosesTheirDistrictsLead() {
            String leadId = publish(newId(), 1, "ent-001", server.newDay()).leadId();

            var accepted = server.post("/api/leads/" + leadId + "/accept", OFFICER_01, "{\"note\":\"on my way\"}");
            server.clock.advance(Duration.ofMinutes(30));
            var reported = server.post("/api/leads/" + leadId + "/outcome", OFFICER_01,
                    "{\"outcome\":\"NO_VIOLATION\",\"note\":\"all in order\"}");
            var closed = server.post("/api/leads/" + leadId + "/close", OFFICER_01, "");

            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
            assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(accepted.json().get("acceptedBy").asText()).isEqualTo("officer-01");
            assertThat(reported.json().get("status").asText()).isEqualTo("OUTCOME_REPORTED");
            assertThat(reported.json().get("outcome").asText()).isEqualTo("NO_VIOLATION");
            assertThat(reported.json().get("outcomeNote").asText()).isEqualTo("all in order");
            assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
            JsonNode history = server.get("/api/leads/" + leadId, OFFICER_01).json().get("history");
            assertThat(texts(history, "action")).containsExactly("PUBLISHED", "ACCEPTED", "OUTCOME_REPORTED", "CLOSED");
            assertThat(history.get(2).get("outcome").asText()).isEqualTo("NO_VIOLATION");
            assertThat(server.confirmedViolations).doesNotContain("ent-001");
        }

        @Test
        void aConfirmedViolationIsPassedOnWithItsEnterprise() {
            String leadId = publish(newId(), 1, "ent-007", server.newDay()).leadId();
            server.post("/api/leads/" + leadId + "/accept", STATION, "");

            var reported = server.post("/api/leads/" + leadId + "/outcome", OFFICER_03,
                    "{\"outcome\":\"CONFIRMED_VIOLATION\",\"note\":\"bypass valve open\"}");

            assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
            assertThat(server.confirmedViolations).contains("ent-007");
        }

        @Test
        void anActionTheStatusDoesNotAllowIsAConflictThatSaysWhy() {
            String leadId = publish(newId(), 1, "ent-001", server.newDay()).leadId();

            assertError(server.post("/api/leads/" + leadId + "/close", OFFICER_01, ""), 409, "invalid-transition", null);
            assertError(server.post("/api/leads/" + leadId + "/outcome", OFFICER_01,
                    "{\"outcome\":\"NO_VIOLATION\"}"), 409, "invalid-transition", null);
            server.post("/api/leads/" + leadId + "/accept", OFFICER_01, "");
            var again = server.post("/api/leads/" + leadId + "/accept", OFFICER_01, "");

            assertError(again, 409, "invalid-transition", null);
            assertThat(again.json().get("message").asText()).contains("ACCEPTED").contains("NEW");
        }

        @Test
        void anOfficerOfAnotherDistrictCannotActAndTheLeadStaysAsItWas() {
            String leadId = publish(newId(), 1, "ent-006", server.newDay()).leadId();

            assertError(server.post("/api/leads/" + leadId + "/accept", OFFICER_01, ""), 403, "forbidden", null);
            assertThat(server.get("/api/leads/" + leadId, STATION).json().get("lead").get("status").asText())
                    .isEqualTo("NEW");
        }

        @Test
        void anActionOnAnUnknownLeadIsNotFound() {
            assertError(server.post("/api/leads/" + newId() + "/accept", STATION, ""), 404, "not-found", null);
        }

        @Test
        void aBadBodyIsRefusedNamingTheField() {
            String leadId = publish(newId(), 1, "ent-001", server.newDay()).leadId();
            server.post("/api/leads/" + leadId + "/accept", OFFICER_01, "");

            assertError(server.post("/api/leads/" + leadId + "/outcome", OFFICER_01, "{\"outcome\":\"GUILTY\"}"),
                    400, "invalid-body", "outcome");
            assertError(server.post("/api/leads/" + leadId + "/outcome", OFFICER_01, "{}"),
                    400, "invalid-body", "outcome");
            assertError(server.post("/api/leads/" + leadId + "/outcome", OFFICER_01,
                    "{\"outcome\":\"NO_VIOLATION\",\"note\":\"" + "x".repeat(2001) + "\"}"), 400, "invalid-body", "note");
            assertError(server.post("/api/leads/" + leadId + "/outcome", OFFICER_01, "outcome=NO_VIOLATION"),
                    400, "invalid-body", null);
            assertError(server.post("/api/leads/" + leadId + "/outcome", OFFICER_01,
                    "{\"note\":\"" + "x".repeat(1_100_000) + "\"}"), 413, "invalid-body", null);
            assertThat(server.get("/api/leads/" + leadId, OFFICER_01).json().get("lead").get("status").asText())
                    .isEqualTo("ACCEPTED");
        }

        @Test
        void anOutcomeSurvivesANewerVersionOfTheLeadAndAnOlderOneChangesNothing() {
            Instant day = server.newDay();
            String leadId = newId();
            publish(leadId, 1, "ent-002", day, "a1");
            server.post("/api/leads/" + leadId + "/accept", OFFICER_01, "");
            server.post("/api/leads/" + leadId + "/outcome", OFFICER_01,
                    "{\"outcome\":\"CONFIRMED_VIOLATION\",\"note\":\"photographed\"}");

            publish(leadId, 3, "ent-002", Priority.P1, day, Duration.ofHours(4), "a1", "a2");
            publish(leadId, 2, "ent-002", day, "a1");

            JsonNode json = server.get("/api/leads/" + leadId, OFFICER_01).json();
            JsonNode lead = json.get("lead");
            assertThat(lead.get("version").asInt()).isEqualTo(3);
            assertThat(lead.get("priority").asText()).isEqualTo("P1");
            assertThat(lead.get("alerts").toString()).isEqualTo("[\"a1\",\"a2\"]");
            assertThat(lead.get("status").asText()).isEqualTo("OUTCOME_REPORTED");
            assertThat(lead.get("outcome").asText()).isEqualTo("CONFIRMED_VIOLATION");
            assertThat(lead.get("outcomeNote").asText()).isEqualTo("photographed");
            assertThat(texts(json.get("history"), "action"))
                    .containsExactly("PUBLISHED", "ACCEPTED", "OUTCOME_REPORTED", "UPDATED");
        }
    }

    @Nested
    class Alerts {
        // ent-013 (jinggang) and ent-008 (tongguan) raise alerts in these tests only.

        @Test
        void listsOpenAlertsNewestChangeFirstAndEveryAlertWithStateAll() {
            Instant day = server.newDay();
            String resolved = raise(newId(), AlertState.RESOLVED, "FLATLINE", Severity.WARNING, "ent-013", "ww-01",
                    day, day.plusSeconds(3600)).alertId();
            String older = raise(newId(), AlertState.OPENED, "EXCEEDANCE", Severity.MAJOR, "ent-013", "ww-01",
                    day, day).alertId();
            server.clock.advance(Duration.ofSeconds(1));
            String newer = raise(newId(), AlertState.ESCALATED, "EXCEEDANCE", Severity.CRITICAL, "ent-013", "ww-01",
                    day, day.plusSeconds(60)).alertId();

            JsonNode open = server.get("/api/alerts?enterprise=ent-013", STATION).json();
            JsonNode all = server.get("/api/alerts?enterprise=ent-013&state=all", STATION).json();

            assertThat(texts(open.get("alerts"), "alertId")).containsExactly(newer, older);
            assertThat(open.get("total").asLong()).isEqualTo(2);
            assertThat(texts(all.get("alerts"), "alertId")).containsExactlyInAnyOrder(newer, older, resolved);
            JsonNode first = open.get("alerts").get(0);
            assertThat(first.get("district").asText()).isEqualTo("jinggang");
            assertThat(first.get("severity").asText()).isEqualTo("CRITICAL");
            assertThat(first.get("startedAt").asText()).endsWith("+08:00");
            assertThat(first.has("updatedAt")).isTrue();
        }

        @Test
        void filtersByRuleAndKeepsAnOfficerToTheirDistrict() {
            Instant day = server.newDay();
            String zero = raise(newId(), AlertState.OPENED, "ZERO_VALUE", Severity.MAJOR, "ent-008", "ww-01", day, day)
                    .alertId();

            assertThat(texts(server.get("/api/alerts?rule=ZERO_VALUE&enterprise=ent-008", OFFICER_03).json()
                    .get("alerts"), "alertId")).containsExactly(zero);
            assertThat(server.get("/api/alerts?enterprise=ent-008", OFFICER_01).json().get("total").asLong()).isZero();
            assertError(server.get("/api/alerts?district=tongguan", OFFICER_01), 403, "forbidden", null);
            assertError(server.get("/api/alerts?rule=SMOKE", STATION), 400, "invalid-parameter", "rule");
            assertError(server.get("/api/alerts?state=closed", STATION), 400, "invalid-parameter", "state");
        }
    }

    @Nested
    class Registry {
        // ent-004 (jingkai) and ent-009 (tongguan) raise OFFLINE alerts in these tests only.

        @Test
        void devicesAreOfflineSinceTheStartOfTheirOpenOfflineAlert() {
            Instant day = server.newDay();
            String alertId = raise(newId(), AlertState.OPENED, "OFFLINE", Severity.MAJOR, "ent-004", "ww-01", day, day)
                    .alertId();

            JsonNode devices = server.get("/api/devices?enterprise=ent-004", OFFICER_01).json().get("devices");

            assertThat(devices).hasSize(server.config.registry().enterprise("ent-004").orElseThrow().devices().size());
            JsonNode ww01 = devices.get(0);
            assertThat(ww01.get("deviceId").asText()).isEqualTo("ww-01");
            assertThat(ww01.get("online").asBoolean()).isFalse();
            assertThat(ww01.get("offlineSince").asText()).isEqualTo(local(day));
            assertThat(ww01.get("alertId").asText()).isEqualTo(alertId);
            assertThat(devices.get(1).get("online").asBoolean()).isTrue();
            assertThat(devices.get(1).get("offlineSince").isNull()).isTrue();
        }

        @Test
        void aResolvedOfflineAlertLeavesTheDeviceOnline() {
            Instant day = server.newDay();
            raise(newId(), AlertState.RESOLVED, "OFFLINE", Severity.MAJOR, "ent-009", "ww-01", day, day.plusSeconds(60));

            JsonNode devices = server.get("/api/devices?enterprise=ent-009", STATION).json().get("devices");

            assertThat(devices).allSatisfy(d -> assertThat(d.get("online").asBoolean()).isTrue());
        }

        @Test
        void anOfficerListsOnlyTheirDistrictsDevicesAndEnterprises() {
            JsonNode devices = server.get("/api/devices", OFFICER_03).json().get("devices");
            JsonNode enterprises = server.get("/api/enterprises", OFFICER_03).json().get("enterprises");

            assertThat(devices).isNotEmpty().allSatisfy(d -> assertThat(d.get("district").asText()).isEqualTo("tongguan"));
            assertThat(texts(enterprises, "id")).containsExactly("ent-006", "ent-007", "ent-008", "ent-009", "ent-010");
            assertThat(texts(server.get("/api/enterprises", STATION).json().get("enterprises"), "id")).hasSize(14);
            assertError(server.get("/api/devices?district=jinggang", OFFICER_03), 403, "forbidden", null);
        }

        @Test
        void anEnterpriseShowsItsDevicesWithLimitsAndItsOpenWork() {
            Instant day = server.newDay();
            raise(newId(), AlertState.ESCALATED, "EXCEEDANCE", Severity.CRITICAL, "ent-010", "ww-01", day, day);
            publish(newId(), 1, "ent-010", day);

            JsonNode json = server.get("/api/enterprises/ent-010", OFFICER_03).json();

            assertThat(json.get("id").asText()).isEqualTo("ent-010");
            assertThat(json.get("district").toString()).isEqualTo("{\"id\":\"tongguan\",\"name\":\"铜官片区\"}");
            assertThat(json.get("supervision").asText()).isEqualTo("GENERAL");
            JsonNode outlet = json.get("devices").get(0);
            assertThat(outlet.get("kind").asText()).isEqualTo("WASTEWATER_OUTLET");
            assertThat(outlet.get("interval").asText()).startsWith("PT");
            JsonNode cod = outlet.get("metrics").get(0);
            assertThat(cod.get("unit").asText()).isNotBlank();
            assertThat(cod.get("limit").isNumber()).isTrue();
            assertThat(json.get("openAlerts").toString())
                    .isEqualTo("{\"INFO\":0,\"WARNING\":0,\"MAJOR\":0,\"CRITICAL\":1}");
            assertThat(json.get("openLeads").asLong()).isEqualTo(1);
        }

        @Test
        void anUnknownEnterpriseIsNotFoundAndAnotherDistrictsIsForbidden() {
            assertError(server.get("/api/enterprises/ent-999", STATION), 404, "not-found", null);
            assertError(server.get("/api/enterprises/ent-001", OFFICER_03), 403, "forbidden", null);
        }

        @Test
        void districtsNameTheirOfficersAndAnOfficerSeesTheirOwn() {
            JsonNode all = server.get("/api/districts", STATION).json().get("districts");
            JsonNode own = server.get("/api/districts", OFFICER_03).json().get("districts");

            assertThat(texts(all, "id")).containsExactly("jingkai", "tongguan", "jinggang");
            assertThat(all.get(0).get("officers").toString()).isEqualTo(
                    "[{\"id\":\"officer-01\",\"name\":\"刘志强\"},{\"id\":\"officer-02\",\"name\":\"陈静\"}]");
            assertThat(texts(own, "id")).containsExactly("tongguan");
        }
    }

    @Nested
    class Statistics {
        @Test
        void countAlertsLeadsOutcomesAndPrecisionPerRule() {
            Instant day = server.newDay();
            String a1 = raise(newId(), AlertState.OPENED, "TREATMENT_OFF", Severity.CRITICAL, "ent-014", "ww-01", day, day)
                    .alertId();
            String a2 = raise(newId(), AlertState.OPENED, "TREATMENT_OFF", Severity.CRITICAL, "ent-014", "ww-01",
                    day.plusSeconds(7200), day.plusSeconds(7200)).alertId();
            String confirmed = publish(newId(), 1, "ent-014", day, a1).leadId();
            String open = publish(newId(), 1, "ent-014", day.plusSeconds(7200), a2).leadId();
            server.store.accept(confirmed, "officer-05", null, server.clock.instant());
            server.store.reportOutcome(confirmed, "officer-05", Outcome.CONFIRMED_VIOLATION, null,
                    server.clock.instant());

            JsonNode rules = server.get("/api/statistics/rules?district=jinggang&" + day(day), STATION).json()
                    .get("rules");

            JsonNode treatmentOff = null;
            for (JsonNode rule : rules) {
                if (rule.get("rule").asText().equals("TREATMENT_OFF")) {
                    treatmentOff = rule;
                }
            }
            assertThat(treatmentOff).as(rules.toString()).isNotNull();
            assertThat(treatmentOff.get("leads").asLong()).isEqualTo(2);
            assertThat(treatmentOff.get("withOutcome").asLong()).isEqualTo(1);
            assertThat(treatmentOff.get("confirmed").asLong()).isEqualTo(1);
            assertThat(treatmentOff.get("precision").asDouble()).isEqualTo(1.0);
            assertThat(open).isNotNull();
            assertError(server.get("/api/statistics/rules?district=jinggang", OFFICER_01), 403, "forbidden", null);
        }
    }

    @Nested
    class Operations {
        @Test
        void healthNeedsNoTokenAndIsDownWhileTheBrokerIs() {
            var up = server.get("/health", null);
            server.brokerUp.set(false);
            ApiServer.Response down;
            try {
                down = server.get("/health", null);
            } finally {
                server.brokerUp.set(true);
            }

            assertThat(up.status()).isEqualTo(200);
            assertThat(up.json().toString())
                    .isEqualTo("{\"status\":\"UP\",\"checks\":{\"leadStore\":\"UP\",\"broker\":\"UP\"}}");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().toString())
                    .isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"leadStore\":\"UP\",\"broker\":\"DOWN\"}}");
        }

        @Test
        void metricsAreForTheStationInPrometheusText() {
            server.get("/api/leads", OFFICER_01);
            server.get("/api/leads?status=nope", OFFICER_01);
            // The MQTT intake adds its counters to the service's registry.
            server.api.meterRegistry().counter("ecowatch.leadservice.messages", "kind", "lead").increment();

            var metrics = server.get("/metrics", STATION);

            assertError(server.get("/metrics", OFFICER_01), 403, "forbidden", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.body())
                    .contains("ecowatch_leadservice_http_requests_seconds_count{method=\"GET\",route=\"/api/leads\",status=\"200\"}")
                    .contains("ecowatch_leadservice_http_requests_seconds_count{method=\"GET\",route=\"/api/leads\",status=\"400\"}")
                    .contains("ecowatch_leadservice_sse_clients ")
                    .contains("ecowatch_leadservice_leads{status=\"NEW\"}")
                    .contains("ecowatch_leadservice_messages_total{kind=\"lead\"}")
                    .contains("jvm_memory_used_bytes")
                    .contains("jvm_threads_live_threads");
        }
    }
}
