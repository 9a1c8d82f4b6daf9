package org.ecowatch.alerts.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.ecowatch.alerts.service.store.Fixtures.ACCEPTED_AT;
import static org.ecowatch.alerts.service.store.Fixtures.CLOSED_AT;
import static org.ecowatch.alerts.service.store.Fixtures.ELEVEN;
import static org.ecowatch.alerts.service.store.Fixtures.NOON;
import static org.ecowatch.alerts.service.store.Fixtures.RECEIVED;
import static org.ecowatch.alerts.service.store.Fixtures.RECEIVED_AGAIN;
import static org.ecowatch.alerts.service.store.Fixtures.REPORTED_AT;
import static org.ecowatch.alerts.service.store.Fixtures.REPUBLISHED_AT;
import static org.ecowatch.alerts.service.store.Fixtures.TEN;
import static org.ecowatch.alerts.service.store.Fixtures.alert;
import static org.ecowatch.alerts.service.store.Fixtures.lead;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.ecowatch.alerts.leads.Lead.Priority;
import org.ecowatch.alerts.message.AlertState;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the lead store promises (docs/API.md, docs/LEADSTORE.md), run against each database it supports: a subclass
 * gives a data source on a migrated-or-empty schema of its own; every test starts from empty tables.
 */
abstract class LeadStoreContract {

    /** A data source on a schema of this test class alone. */
    protected abstract DataSource dataSource();

    LeadStore store;

    @BeforeEach
    void openOnEmptyTables() throws SQLException {
        store = LeadStore.open(dataSource());
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("changes", "lead_history", "lead_alerts", "leads", "alert_changes", "alerts")) {
                statement.executeUpdate("DELETE FROM " + table);
            }
            statement.executeUpdate("UPDATE change_counter SET seq = 0");
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    List<Change> changes() {
        return store.changesAfter(0, 1000);
    }

    LeadQuery everyLead() {
        return new LeadQuery(null, null, null, null, null, null, 500, 0);
    }

    @Nested
    class SchemaMigrations {

        @Test
        void theSchemaVersionIsRecorded() {
            MigrationInfo current = flyway().info().current();

            assertThat(current.getVersion().getVersion()).isEqualTo("1");
            assertThat(current.getState()).isEqualTo(MigrationState.SUCCESS);
            assertThat(Migrations.currentVersion(dataSource())).isEqualTo("1");
        }

        @Test
        void migratingTwiceIsANoOpThatKeepsTheData() {
            store.upsertLead(lead("lead-1").build(), RECEIVED);

            try (LeadStore reopened = LeadStore.open(dataSource())) {
                assertThat(reopened.lead("lead-1")).isPresent();
            }
            assertThat(flyway().migrate().migrationsExecuted).isZero();
            assertThat(flyway().info().applied()).hasSize(1);
        }

        private Flyway flyway() {
            return Flyway.configure().dataSource(dataSource()).locations(Migrations.LOCATION).load();
        }
    }

    @Nested
    class LeadUpserts {

        @Test
        void theFirstVersionIsStoredAsNewWithAPublishedEntry() {
            LeadMessage first = lead("lead-1").alerts("alert-1", "alert-2").build();

            assertThat(store.upsertLead(first, RECEIVED)).isEqualTo(UpsertResult.INSERTED);

            LeadRecord stored = store.lead("lead-1").orElseThrow();
            assertThat(stored.message()).isEqualTo(first);
            assertThat(stored.status()).isEqualTo(LeadStatus.NEW);
            assertThat(stored.acceptedBy()).isNull();
            assertThat(stored.outcome()).isNull();
            assertThat(stored.receivedAt()).isEqualTo(RECEIVED);
            assertThat(stored.updatedAt()).isEqualTo(RECEIVED);
            assertThat(store.history("lead-1"))
                    .containsExactly(new HistoryEntry(RECEIVED, "pipeline", "PUBLISHED", 1, null, null));
        }

        @Test
        void aReplayedLeadCreatesNoSecondLead() {
            LeadMessage lead = lead("lead-1").build();
            store.upsertLead(lead, RECEIVED);

            assertThat(store.upsertLead(lead, RECEIVED_AGAIN)).isEqualTo(UpsertResult.UNCHANGED);

            assertThat(store.leads(everyLead()).total()).isEqualTo(1);
            assertThat(store.history("lead-1")).hasSize(1);
            assertThat(store.lead("lead-1").orElseThrow().updatedAt()).isEqualTo(RECEIVED);
        }

        @Test
        void anOlderVersionNeverOverwritesANewerOne() {
            store.upsertLead(lead("lead-1").version(2).priority(Priority.P1).build(), RECEIVED);

            assertThat(store.upsertLead(lead("lead-1").version(1).build(), RECEIVED_AGAIN)).isEqualTo(UpsertResult.STALE);

            LeadRecord stored = store.lead("lead-1").orElseThrow();
            assertThat(stored.message().version()).isEqualTo(2);
            assertThat(stored.message().priority()).isEqualTo(Priority.P1);
            assertThat(store.history("lead-1")).extracting(HistoryEntry::action).containsExactly("PUBLISHED");
        }

        @Test
        void aNewerVersionReplacesWhatThePipelineSaysAndWritesAnUpdatedEntry() {
            store.upsertLead(lead("lead-1").priority(Priority.P3).category("EARLY_WARNING").alerts("alert-1").build(),
                    RECEIVED);
            LeadMessage grown = lead("lead-1").version(2).priority(Priority.P1).category("EXCEEDANCE")
                    .dueBy(NOON).alerts("alert-1", "alert-2").build();

            assertThat(store.upsertLead(grown, REPUBLISHED_AT)).isEqualTo(UpsertResult.UPDATED);

            LeadRecord stored = store.lead("lead-1").orElseThrow();
            assertThat(stored.message()).isEqualTo(grown);
            assertThat(stored.receivedAt()).isEqualTo(RECEIVED);
            assertThat(stored.updatedAt()).isEqualTo(REPUBLISHED_AT);
            assertThat(store.history("lead-1")).containsExactly(
                    new HistoryEntry(RECEIVED, "pipeline", "PUBLISHED", 1, null, null),
                    new HistoryEntry(REPUBLISHED_AT, "pipeline", "UPDATED", 2, null, null));
        }

        @Test
        void anOfficersOutcomeSurvivesARepublishOfTheLead() {
            store.upsertLead(lead("lead-1").build(), RECEIVED);
            store.accept("lead-1", "officer-01", "on my way", ACCEPTED_AT);
            store.reportOutcome("lead-1", "officer-01", Outcome.CONFIRMED_VIOLATION, "bypass valve open", REPORTED_AT);

            store.upsertLead(lead("lead-1").version(2).alerts("alert-1", "alert-2").build(), REPORTED_AT.plusSeconds(1));

            LeadRecord stored = store.lead("lead-1").orElseThrow();
            assertThat(stored.message().version()).isEqualTo(2);
            assertThat(stored.status()).isEqualTo(LeadStatus.OUTCOME_REPORTED);
            assertThat(stored.acceptedBy()).isEqualTo("officer-01");
            assertThat(stored.outcome()).isEqualTo(Outcome.CONFIRMED_VIOLATION);
            assertThat(stored.outcomeNote()).isEqualTo("bypass valve open");
            assertThat(store.history("lead-1")).extracting(HistoryEntry::action, HistoryEntry::note).containsExactly(
                    tuple("PUBLISHED", null), tuple("ACCEPTED", "on my way"),
                    tuple("OUTCOME_REPORTED", "bypass valve open"), tuple("UPDATED", null));
        }

        @Test
        void theAlertIdsKeepTheOrderTheyJoinedIn() {
            store.upsertLead(lead("lead-1").alerts("alert-c", "alert-a", "alert-b").build(), RECEIVED);

            assertThat(store.lead("lead-1").orElseThrow().message().alertIds())
                    .containsExactly("alert-c", "alert-a", "alert-b");
        }

        @Test
        void aLeadWithoutAFieldTheStoreNeedsIsRefused() {
            LeadMessage full = lead("lead-1").build();
            LeadMessage noDistrict = new LeadMessage("lead-1", 1, "ent-001", null, full.priority(), full.category(),
                    full.openedAt(), full.dueBy(), full.alertIds(), full.json());

            assertThatThrownBy(() -> store.upsertLead(noDistrict, RECEIVED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a lead without district cannot be stored");
            assertThat(store.lead("lead-1")).isEmpty();
        }

        @Test
        void anUnknownLeadIsEmpty() {
            assertThat(store.lead("nope")).isEmpty();
            assertThat(store.history("nope")).isEmpty();
        }
    }

    @Nested
    class AlertUpserts {

        @Test
        void theFirstChangeIsStoredAsReceived() {
            AlertMessage opened = alert("alert-1").build();

            assertThat(store.upsertAlert(opened, RECEIVED)).isEqualTo(UpsertResult.INSERTED);

            AlertRecord stored = store.alert("alert-1").orElseThrow();
            assertThat(stored.message()).isEqualTo(opened);
            assertThat(stored.updatedAt()).isEqualTo(RECEIVED);
        }

        @Test
        void aLaterChangeReplacesTheStoredOne() {
            store.upsertAlert(alert("alert-1").build(), RECEIVED);
            AlertMessage escalated = alert("alert-1").state(AlertState.ESCALATED).severity("CRITICAL").at(ELEVEN).build();

            assertThat(store.upsertAlert(escalated, RECEIVED_AGAIN)).isEqualTo(UpsertResult.UPDATED);

            AlertRecord stored = store.alert("alert-1").orElseThrow();
            assertThat(stored.message()).isEqualTo(escalated);
            assertThat(stored.updatedAt()).isEqualTo(RECEIVED_AGAIN);
        }

        @Test
        void atTheSameInstantTheStateOrderDecides() {
            store.upsertAlert(alert("alert-1").state(AlertState.ESCALATED).at(ELEVEN).build(), RECEIVED);

            assertThat(store.upsertAlert(alert("alert-1").state(AlertState.RESOLVED).at(ELEVEN).build(), RECEIVED))
                    .isEqualTo(UpsertResult.UPDATED);
            assertThat(store.upsertAlert(alert("alert-1").state(AlertState.OPENED).at(ELEVEN).build(), RECEIVED))
                    .isEqualTo(UpsertResult.STALE);
            assertThat(store.alert("alert-1").orElseThrow().message().state()).isEqualTo(AlertState.RESOLVED);
        }

        @Test
        void aDuplicateIsUnchangedAndWritesNothing() {
            store.upsertAlert(alert("alert-1").build(), RECEIVED);

            assertThat(store.upsertAlert(alert("alert-1").build(), RECEIVED_AGAIN)).isEqualTo(UpsertResult.UNCHANGED);

            assertThat(store.alert("alert-1").orElseThrow().updatedAt()).isEqualTo(RECEIVED);
            assertThat(store.alertChanges("alert-1")).hasSize(1);
            assertThat(changes()).hasSize(1);
        }

        @Test
        void anOlderChangeIsStaleButKeptInTheAlertsHistory() {
            store.upsertAlert(alert("alert-1").state(AlertState.ESCALATED).severity("CRITICAL").at(ELEVEN).build(),
                    RECEIVED);

            assertThat(store.upsertAlert(alert("alert-1").build(), RECEIVED_AGAIN)).isEqualTo(UpsertResult.STALE);

            assertThat(store.alert("alert-1").orElseThrow().message().state()).isEqualTo(AlertState.ESCALATED);
            assertThat(store.alertChanges("alert-1")).containsExactly(
                    new AlertChange(AlertState.OPENED, "MAJOR", TEN, RECEIVED_AGAIN),
                    new AlertChange(AlertState.ESCALATED, "CRITICAL", ELEVEN, RECEIVED));
            assertThat(changes()).hasSize(1);
            assertThat(store.upsertAlert(alert("alert-1").build(), RECEIVED_AGAIN)).isEqualTo(UpsertResult.UNCHANGED);
        }

        @Test
        void anAlertWithoutAFieldTheStoreNeedsIsRefused() {
            AlertMessage full = alert("alert-1").build();
            AlertMessage noAt = new AlertMessage("alert-1", full.state(), full.rule(), full.severity(), "ent-001", null,
                    null, null, full.startedAt(), null, full.json());

            assertThatThrownBy(() -> store.upsertAlert(noAt, RECEIVED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an alert without at cannot be stored");
        }

        @Test
        void anAlertOfAnEnterpriseWithoutDistrictIsStored() {
            AlertMessage unassigned = alert("alert-1").district(null).build();

            assertThat(store.upsertAlert(unassigned, RECEIVED)).isEqualTo(UpsertResult.INSERTED);
            assertThat(changes()).extracting(Change::district).containsOnlyNulls();
        }

        @Test
        void anInstantFinerThanAMicrosecondStillMatchesItsReplay() {
            AlertMessage opened = alert("alert-1").startedAt(TEN.plusNanos(1_234_567)).build();
            store.upsertAlert(opened, RECEIVED);

            assertThat(store.upsertAlert(opened, RECEIVED_AGAIN)).isEqualTo(UpsertResult.UNCHANGED);
        }
    }

    @Nested
    class OfficerActions {

        @BeforeEach
        void aNewLead() {
            store.upsertLead(lead("lead-1").build(), RECEIVED);
        }

        @Test
        void acceptingANewLeadRecordsWhoAndWhen() {
            LeadRecord accepted = store.accept("lead-1", "officer-01", "on my way", ACCEPTED_AT);

            assertThat(accepted.status()).isEqualTo(LeadStatus.ACCEPTED);
            assertThat(accepted.acceptedBy()).isEqualTo("officer-01");
            assertThat(accepted.updatedAt()).isEqualTo(ACCEPTED_AT);
            assertThat(store.lead("lead-1")).contains(accepted);
            assertThat(store.history("lead-1")).last()
                    .isEqualTo(new HistoryEntry(ACCEPTED_AT, "officer-01", "ACCEPTED", 1, null, "on my way"));
        }

        @Test
        void aLeadGoesFromNewToClosedAndItsRecordShowsEveryStep() {
            store.accept("lead-1", "officer-01", null, ACCEPTED_AT);
            store.upsertLead(lead("lead-1").version(2).build(), REPUBLISHED_AT);
            LeadRecord reported = store.reportOutcome("lead-1", "officer-01", Outcome.CONFIRMED_VIOLATION,
                    "bypass valve open, photographed", REPORTED_AT);
            LeadRecord closed = store.close("lead-1", "duty-desk", "fined", CLOSED_AT);

            assertThat(reported.status()).isEqualTo(LeadStatus.OUTCOME_REPORTED);
            assertThat(closed.status()).isEqualTo(LeadStatus.CLOSED);
            assertThat(closed.outcome()).isEqualTo(Outcome.CONFIRMED_VIOLATION);
            assertThat(closed.outcomeNote()).isEqualTo("bypass valve open, photographed");
            assertThat(store.history("lead-1")).containsExactly(
                    new HistoryEntry(RECEIVED, "pipeline", "PUBLISHED", 1, null, null),
                    new HistoryEntry(ACCEPTED_AT, "officer-01", "ACCEPTED", 1, null, null),
                    new HistoryEntry(REPUBLISHED_AT, "pipeline", "UPDATED", 2, null, null),
                    new HistoryEntry(REPORTED_AT, "officer-01", "OUTCOME_REPORTED", 2, Outcome.CONFIRMED_VIOLATION,
                            "bypass valve open, photographed"),
                    new HistoryEntry(CLOSED_AT, "duty-desk", "CLOSED", 2, null, "fined"));
        }

        @Test
        void acceptingTwiceIsAnInvalidTransition() {
            store.accept("lead-1", "officer-01", null, ACCEPTED_AT);

            assertThatThrownBy(() -> store.accept("lead-1", "officer-02", null, REPORTED_AT))
                    .isInstanceOf(InvalidTransition.class)
                    .hasMessage("lead lead-1 is ACCEPTED; accept is allowed only when it is NEW")
                    .extracting(e -> ((InvalidTransition) e).status()).isEqualTo(LeadStatus.ACCEPTED);
            assertThat(store.lead("lead-1").orElseThrow().acceptedBy()).isEqualTo("officer-01");
        }

        @Test
        void anOutcomeIsReportedOnlyOnAnAcceptedLead() {
            assertThatThrownBy(() -> store.reportOutcome("lead-1", "officer-01", Outcome.NO_VIOLATION, null, REPORTED_AT))
                    .isInstanceOf(InvalidTransition.class)
                    .hasMessageContaining("is NEW");
        }

        @Test
        void closingNeedsAReportedOutcome() {
            store.accept("lead-1", "officer-01", null, ACCEPTED_AT);

            assertThatThrownBy(() -> store.close("lead-1", "officer-01", null, CLOSED_AT))
                    .isInstanceOf(InvalidTransition.class)
                    .hasMessageContaining("is ACCEPTED").hasMessageContaining("OUTCOME_REPORTED");
        }

        @Test
        void aRefusedActionWritesNothing() {
            long before = store.lastChangeSeq();

            assertThatThrownBy(() -> store.close("lead-1", "officer-01", null, CLOSED_AT))
                    .isInstanceOf(InvalidTransition.class);

            assertThat(store.history("lead-1")).hasSize(1);
            assertThat(store.lastChangeSeq()).isEqualTo(before);
            assertThat(store.lead("lead-1").orElseThrow().updatedAt()).isEqualTo(RECEIVED);
        }

        @Test
        void actionsOnAnUnknownLeadAreNotFound() {
            assertThatThrownBy(() -> store.accept("nope", "officer-01", null, ACCEPTED_AT)).isInstanceOf(LeadNotFound.class);
            assertThatThrownBy(() -> store.reportOutcome("nope", "officer-01", Outcome.NO_VIOLATION, null, REPORTED_AT))
                    .isInstanceOf(LeadNotFound.class);
            assertThatThrownBy(() -> store.close("nope", "officer-01", null, CLOSED_AT)).isInstanceOf(LeadNotFound.class)
                    .hasMessage("no lead nope");
        }

        @Test
        void aNoteOverTwoThousandCharactersIsRefused() {
            assertThatThrownBy(() -> store.accept("lead-1", "officer-01", "x".repeat(2001), ACCEPTED_AT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2000");
            assertThat(store.lead("lead-1").orElseThrow().status()).isEqualTo(LeadStatus.NEW);

            store.accept("lead-1", "officer-01", "长".repeat(2000), ACCEPTED_AT);
            assertThat(store.history("lead-1").get(1).note()).hasSize(2000);
        }
    }

    @Nested
    class ChangeLogEntries {

        @Test
        void anEmptyStoreHasNoChanges() {
            assertThat(store.lastChangeSeq()).isZero();
            assertThat(changes()).isEmpty();
        }

        @Test
        void everyStoredChangeAppendsOneEntryInOrder() {
            store.upsertLead(lead("lead-1").district("north").build(), RECEIVED);
            store.upsertAlert(alert("alert-1").district("south").build(), RECEIVED);
            store.upsertAlert(alert("alert-1").district("south").state(AlertState.RESOLVED).at(ELEVEN).build(),
                    RECEIVED_AGAIN);
            store.upsertLead(lead("lead-1").district("north").version(2).build(), REPUBLISHED_AT);
            store.accept("lead-1", "officer-01", null, ACCEPTED_AT);

            assertThat(changes()).extracting(Change::seq, Change::kind, Change::refId, Change::district, Change::at)
                    .containsExactly(
                            tuple(1L, "lead", "lead-1", "north", RECEIVED),
                            tuple(2L, "alert", "alert-1", "south", RECEIVED),
                            tuple(3L, "alert", "alert-1", "south", RECEIVED_AGAIN),
                            tuple(4L, "lead", "lead-1", "north", REPUBLISHED_AT),
                            tuple(5L, "lead", "lead-1", "north", ACCEPTED_AT));
            assertThat(store.lastChangeSeq()).isEqualTo(5);
        }

        @Test
        void unchangedAndStaleWritesAppendNothing() {
            store.upsertLead(lead("lead-1").version(2).build(), RECEIVED);
            store.upsertAlert(alert("alert-1").at(ELEVEN).build(), RECEIVED);

            store.upsertLead(lead("lead-1").version(2).build(), RECEIVED_AGAIN);
            store.upsertLead(lead("lead-1").version(1).build(), RECEIVED_AGAIN);
            store.upsertAlert(alert("alert-1").at(ELEVEN).build(), RECEIVED_AGAIN);
            store.upsertAlert(alert("alert-1").at(TEN).build(), RECEIVED_AGAIN);

            assertThat(changes()).hasSize(2);
        }

        @Test
        void changesAreReadOnFromASequenceNumberAtMostLimitAtATime() {
            for (int i = 1; i <= 5; i++) {
                store.upsertLead(lead("lead-" + i).build(), RECEIVED);
            }

            assertThat(store.changesAfter(2, 2)).extracting(Change::seq).containsExactly(3L, 4L);
            assertThat(store.changesAfter(4, 100)).extracting(Change::seq).containsExactly(5L);
            assertThat(store.changesAfter(5, 100)).isEmpty();
        }

        @Test
        void purgingRemovesOlderEntriesAndKeepsTheLastSequenceNumber() {
            store.upsertLead(lead("lead-1").build(), RECEIVED);
            store.upsertLead(lead("lead-2").build(), RECEIVED_AGAIN);

            assertThat(store.purgeChangesBefore(RECEIVED_AGAIN)).isEqualTo(1);

            assertThat(changes()).extracting(Change::refId).containsExactly("lead-2");
            assertThat(store.purgeChangesBefore(RECEIVED_AGAIN.plusSeconds(1))).isEqualTo(1);
            assertThat(changes()).isEmpty();
            assertThat(store.lastChangeSeq()).isEqualTo(2);
            store.upsertLead(lead("lead-3").build(), CLOSED_AT);
            assertThat(changes()).extracting(Change::seq).containsExactly(3L);
        }
    }

    @Nested
    class LeadQueries {

        @BeforeEach
        void someLeads() {
            store.upsertLead(lead("p2-late").priority(Priority.P2).dueBy(NOON).build(), RECEIVED);
            store.upsertLead(lead("p2-early").priority(Priority.P2).dueBy(ELEVEN).build(), RECEIVED);
            store.upsertLead(lead("p1").priority(Priority.P1).dueBy(NOON.plusSeconds(3600)).openedAt(ELEVEN).build(),
                    RECEIVED);
            store.upsertLead(lead("p3-south").priority(Priority.P3).district("south").enterprise("ent-009")
                    .openedAt(NOON).build(), RECEIVED);
            store.upsertLead(lead("p2-early-opened").priority(Priority.P2).dueBy(ELEVEN).openedAt(TEN.minusSeconds(60))
                    .build(), RECEIVED);
            store.accept("p1", "officer-01", null, ACCEPTED_AT);
            store.accept("p2-late", "officer-01", null, ACCEPTED_AT);
            store.reportOutcome("p2-late", "officer-01", Outcome.NO_VIOLATION, null, REPORTED_AT);
        }

        List<String> ids(LeadQuery query) {
            return store.leads(query).items().stream().map(LeadRecord::leadId).toList();
        }

        @Test
        void theMostUrgentComeFirstByPriorityThenDueThenOpened() {
            assertThat(ids(everyLead())).containsExactly("p1", "p2-early-opened", "p2-early", "p2-late", "p3-south");
        }

        @Test
        void eachFilterNarrowsTheList() {
            assertThat(ids(new LeadQuery("south", null, null, null, null, null, 100, 0))).containsExactly("p3-south");
            assertThat(ids(new LeadQuery(null, Set.of(LeadStatus.NEW, LeadStatus.OUTCOME_REPORTED), null, null, null,
                    null, 100, 0))).containsExactly("p2-early-opened", "p2-early", "p2-late", "p3-south");
            assertThat(ids(new LeadQuery(null, null, Set.of(Priority.P1, Priority.P3), null, null, null, 100, 0)))
                    .containsExactly("p1", "p3-south");
            assertThat(ids(new LeadQuery(null, null, null, "ent-009", null, null, 100, 0))).containsExactly("p3-south");
            assertThat(ids(new LeadQuery("north", Set.of(LeadStatus.NEW), Set.of(Priority.P2), "ent-001", null, null,
                    100, 0))).containsExactly("p2-early-opened", "p2-early");
        }

        @Test
        void fromIsIncludedAndToIsNot() {
            assertThat(ids(new LeadQuery(null, null, null, null, TEN, NOON, 100, 0)))
                    .containsExactly("p1", "p2-early", "p2-late");
            assertThat(ids(new LeadQuery(null, null, null, null, NOON, null, 100, 0))).containsExactly("p3-south");
            assertThat(ids(new LeadQuery(null, null, null, null, null, TEN, 100, 0))).containsExactly("p2-early-opened");
        }

        @Test
        void aPageCarriesTheTotalOfAllMatches() {
            Page<LeadRecord> page = store.leads(new LeadQuery(null, null, null, null, null, null, 2, 1));

            assertThat(page.total()).isEqualTo(5);
            assertThat(page.items()).extracting(LeadRecord::leadId).containsExactly("p2-early-opened", "p2-early");
            assertThat(store.leads(new LeadQuery(null, null, null, null, null, null, 2, 4)).items()).hasSize(1);
        }

        @Test
        void noMatchIsAnEmptyPage() {
            Page<LeadRecord> page = store.leads(new LeadQuery("west", null, null, null, null, null, 100, 0));

            assertThat(page.items()).isEmpty();
            assertThat(page.total()).isZero();
        }

        @Test
        void aLimitBelowOneIsRefused() {
            assertThatThrownBy(() -> store.leads(new LeadQuery(null, null, null, null, null, null, 0, 0)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void leadsAreCountedByStatus() {
            assertThat(store.leadCountsByStatus()).isEqualTo(Map.of(LeadStatus.NEW, 3L, LeadStatus.ACCEPTED, 1L,
                    LeadStatus.OUTCOME_REPORTED, 1L, LeadStatus.CLOSED, 0L));
        }
    }

    @Nested
    class AlertQueries {

        @BeforeEach
        void someAlerts() {
            store.upsertAlert(alert("opened").at(TEN).build(), RECEIVED);
            store.upsertAlert(alert("escalated").state(AlertState.ESCALATED).at(NOON).build(), RECEIVED);
            store.upsertAlert(alert("resolved").state(AlertState.RESOLVED).at(ELEVEN).build(), RECEIVED);
            store.upsertAlert(alert("south").rule("OFFLINE").district("south").enterprise("ent-009").at(ELEVEN).build(),
                    RECEIVED);
        }

        List<String> ids(AlertQuery query) {
            return store.alerts(query).items().stream().map(AlertRecord::alertId).toList();
        }

        @Test
        void byIdsInTheOrderAskedLeavingOutTheUnknown() {
            assertThat(store.alerts(List.of("south", "not-yet", "opened")))
                    .extracting(AlertRecord::alertId).containsExactly("south", "opened");
            assertThat(store.alerts(List.of())).isEmpty();
            assertThat(store.alert("not-yet")).isEmpty();
        }

        @Test
        void openAlertsAreThoseNotResolvedNewestChangeFirst() {
            assertThat(ids(new AlertQuery(null, null, null, true, 100, 0))).containsExactly("escalated", "south", "opened");
            assertThat(ids(new AlertQuery(null, null, null, false, 100, 0)))
                    .containsExactly("escalated", "resolved", "south", "opened");
        }

        @Test
        void eachFilterNarrowsTheList() {
            assertThat(ids(new AlertQuery("south", null, null, false, 100, 0))).containsExactly("south");
            assertThat(ids(new AlertQuery(null, "ent-001", null, false, 100, 0))).hasSize(3).doesNotContain("south");
            assertThat(ids(new AlertQuery(null, null, "OFFLINE", false, 100, 0))).containsExactly("south");
        }

        @Test
        void aPageCarriesTheTotalOfAllMatches() {
            Page<AlertRecord> page = store.alerts(new AlertQuery(null, null, null, false, 2, 1));

            assertThat(page.total()).isEqualTo(4);
            assertThat(page.items()).extracting(AlertRecord::alertId).containsExactly("resolved", "south");
        }
    }

    @Nested
    class Counts {

        @BeforeEach
        void alertsLeadsAndOutcomes() {
            store.upsertAlert(alert("exc-1").rule("EXCEEDANCE").build(), RECEIVED);
            store.upsertAlert(alert("flat-1").rule("FLATLINE").build(), RECEIVED);
            store.upsertAlert(alert("exc-2").rule("EXCEEDANCE").startedAt(NOON).build(), RECEIVED);
            store.upsertAlert(alert("tre-1").rule("TREATMENT_OFF").district("south").build(), RECEIVED);
            store.upsertAlert(alert("exc-1").rule("EXCEEDANCE").state(AlertState.RESOLVED).at(NOON).build(), RECEIVED);

            store.upsertLead(lead("confirmed").category("EXCEEDANCE").alerts("exc-1", "flat-1").build(), RECEIVED);
            store.upsertLead(lead("no-violation").category("EXCEEDANCE").openedAt(NOON).alerts("exc-2").build(), RECEIVED);
            store.upsertLead(lead("alerts-unknown").category("ZERO_VALUE").alerts("zero-1").build(), RECEIVED);
            outcome("confirmed", Outcome.CONFIRMED_VIOLATION, REPORTED_AT);
            outcome("no-violation", Outcome.NO_VIOLATION, REPORTED_AT);
        }

        void outcome(String leadId, Outcome outcome, Instant at) {
            store.accept(leadId, "officer-01", null, ACCEPTED_AT);
            store.reportOutcome(leadId, "officer-01", outcome, null, at);
        }

        @Test
        void eachRuleCountsItsAlertsItsLeadsTheirOutcomesAndConfirmations() {
            assertThat(store.ruleStatistics(null, null, null)).containsExactly(
                    new RuleStatistics("EXCEEDANCE", 2, 2, 2, 1),
                    new RuleStatistics("FLATLINE", 1, 1, 1, 1),
                    new RuleStatistics("TREATMENT_OFF", 1, 0, 0, 0),
                    new RuleStatistics("ZERO_VALUE", 0, 1, 0, 0));
        }

        @Test
        void precisionIsConfirmedOverLeadsWithAnOutcome() {
            assertThat(store.ruleStatistics(null, null, null)).extracting(RuleStatistics::rule, RuleStatistics::precision)
                    .containsExactly(tuple("EXCEEDANCE", 0.5), tuple("FLATLINE", 1.0), tuple("TREATMENT_OFF", null),
                            tuple("ZERO_VALUE", null));
        }

        @Test
        void districtAndTimeRangeBoundAlertsByStartAndLeadsByOpening() {
            assertThat(store.ruleStatistics("south", null, null))
                    .containsExactly(new RuleStatistics("TREATMENT_OFF", 1, 0, 0, 0));
            assertThat(store.ruleStatistics("north", NOON, null))
                    .containsExactly(new RuleStatistics("EXCEEDANCE", 1, 1, 1, 0));
            assertThat(store.ruleStatistics("north", TEN, NOON)).containsExactly(
                    new RuleStatistics("EXCEEDANCE", 1, 1, 1, 1),
                    new RuleStatistics("FLATLINE", 1, 1, 1, 1),
                    new RuleStatistics("ZERO_VALUE", 0, 1, 0, 0));
        }

        @Test
        void aLeadWhoseAlertArrivesLaterIsCountedOnceForItsCategory() {
            store.upsertAlert(alert("zero-1").rule("ZERO_VALUE").build(), RECEIVED_AGAIN);

            assertThat(store.ruleStatistics(null, null, null))
                    .contains(new RuleStatistics("ZERO_VALUE", 1, 1, 0, 0));
        }

        @Test
        void confirmedViolationsOfAnEnterpriseSinceAnInstantOldestFirst() {
            store.upsertLead(lead("older").openedAt(TEN.minus(Duration.ofDays(30))).build(), RECEIVED);
            outcome("older", Outcome.CONFIRMED_VIOLATION, REPORTED_AT.minus(Duration.ofDays(30)));
            store.upsertLead(lead("elsewhere").enterprise("ent-009").build(), RECEIVED);
            outcome("elsewhere", Outcome.CONFIRMED_VIOLATION, REPORTED_AT);

            assertThat(store.confirmedViolations("ent-001", REPORTED_AT.minus(Duration.ofDays(365)))).containsExactly(
                    new ConfirmedViolation("older", "ent-001", TEN.minus(Duration.ofDays(30)),
                            REPORTED_AT.minus(Duration.ofDays(30))),
                    new ConfirmedViolation("confirmed", "ent-001", TEN, REPORTED_AT));
            assertThat(store.confirmedViolations("ent-001", REPORTED_AT)).extracting(ConfirmedViolation::leadId)
                    .containsExactly("confirmed");
            assertThat(store.confirmedViolations("ent-404", null)).isEmpty();
        }

        @Test
        void theStoreIsHealthyWhileTheDatabaseAnswers() {
            assertThat(store.healthy()).isTrue();
        }
    }

    /** Two replicas of the service (here two threads, each with connections of its own) write at the same time. */
    @Nested
    class Concurrency {

        static final int ROUNDS = 20;

        @Test
        void twoReplicasStoringTheSameLeadMakeOneLeadWithOneEntry() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                LeadMessage lead = lead("lead-" + round).build();

                List<Object> results = race(() -> store.upsertLead(lead, RECEIVED), () -> store.upsertLead(lead, RECEIVED));

                assertThat(results).containsExactlyInAnyOrder(UpsertResult.INSERTED, UpsertResult.UNCHANGED);
                assertThat(store.history(lead.leadId())).hasSize(1);
            }
            assertThat(store.leads(everyLead()).total()).isEqualTo(ROUNDS);
            assertThat(changes()).hasSize(ROUNDS);
        }

        @Test
        void twoReplicasStoringTheSameNewerVersionUpdateOnce() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                store.upsertLead(lead("lead-" + round).build(), RECEIVED);
                LeadMessage grown = lead("lead-" + round).version(2).alerts("alert-1", "alert-2").build();

                List<Object> results = race(() -> store.upsertLead(grown, REPUBLISHED_AT),
                        () -> store.upsertLead(grown, REPUBLISHED_AT));

                assertThat(results).containsExactlyInAnyOrder(UpsertResult.UPDATED, UpsertResult.UNCHANGED);
                assertThat(store.history(grown.leadId())).extracting(HistoryEntry::action)
                        .containsExactly("PUBLISHED", "UPDATED");
                assertThat(store.lead(grown.leadId()).orElseThrow().message().alertIds())
                        .containsExactly("alert-1", "alert-2");
            }
        }

        @Test
        void twoReplicasStoringTheSameAlertChangeStoreItOnce() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                AlertMessage opened = alert("alert-" + round).build();

                List<Object> results = race(() -> store.upsertAlert(opened, RECEIVED),
                        () -> store.upsertAlert(opened, RECEIVED));

                assertThat(results).containsExactlyInAnyOrder(UpsertResult.INSERTED, UpsertResult.UNCHANGED);
                assertThat(store.alertChanges(opened.alertId())).hasSize(1);
            }
            assertThat(changes()).hasSize(ROUNDS);
        }

        @Test
        void twoChangesOfANewAlertRacingEndWithTheLaterOne() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                AlertMessage opened = alert("alert-" + round).build();
                AlertMessage resolved = alert("alert-" + round).state(AlertState.RESOLVED).at(NOON).build();

                List<Object> results = race(() -> store.upsertAlert(opened, RECEIVED),
                        () -> store.upsertAlert(resolved, RECEIVED));

                assertThat(results).containsAnyOf(UpsertResult.INSERTED).doesNotContain(UpsertResult.UNCHANGED);
                assertThat(store.alert(opened.alertId()).orElseThrow().message().state()).isEqualTo(AlertState.RESOLVED);
                assertThat(store.alertChanges(opened.alertId())).hasSize(2);
            }
        }

        @Test
        void twoOfficersAcceptingTheSameLeadAtOnceOnlyOneSucceeds() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                String leadId = "lead-" + round;
                store.upsertLead(lead(leadId).build(), RECEIVED);

                List<Object> results = race(() -> store.accept(leadId, "officer-01", null, ACCEPTED_AT),
                        () -> store.accept(leadId, "officer-02", null, ACCEPTED_AT));

                assertThat(results).filteredOn(InvalidTransition.class::isInstance).hasSize(1);
                assertThat(results).filteredOn(LeadRecord.class::isInstance).hasSize(1);
                assertThat(store.history(leadId)).extracting(HistoryEntry::action).containsExactly("PUBLISHED", "ACCEPTED");
            }
        }

        @Test
        void concurrentWritersNumberTheirChangesWithoutGaps() throws Exception {
            int writers = 4;
            int leadsEach = 25;
            List<Callable<Object>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(() -> {
                    for (int i = 0; i < leadsEach; i++) {
                        store.upsertLead(lead("lead-" + writer + "-" + i).build(), RECEIVED);
                    }
                    return null;
                });
            }

            race(work);

            List<Change> changes = changes();
            assertThat(changes).hasSize(writers * leadsEach);
            assertThat(changes).extracting(Change::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, writers * leadsEach).boxed().toList());
        }

        @SafeVarargs
        private List<Object> race(Callable<? extends Object>... work) throws Exception {
            List<Callable<Object>> tasks = new ArrayList<>();
            for (Callable<? extends Object> task : work) {
                tasks.add(task::call);
            }
            return race(tasks);
        }

        /** Runs the tasks on threads of their own, released at once; each result or exception, in task order. */
        private List<Object> race(List<Callable<Object>> tasks) throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Object>> futures = new ArrayList<>();
                for (Callable<Object> task : tasks) {
                    futures.add(threads.submit(() -> {
                        start.await();
                        try {
                            return task.call();
                        } catch (RuntimeException e) {
                            return e;
                        }
                    }));
                }
                start.countDown();
                List<Object> results = new ArrayList<>();
                for (Future<Object> future : futures) {
                    results.add(future.get(30, TimeUnit.SECONDS));
                }
                return results;
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
