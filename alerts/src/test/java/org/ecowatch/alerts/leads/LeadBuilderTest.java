package org.ecowatch.alerts.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.alerts.leads.Incidents.DYE;
import static org.ecowatch.alerts.leads.Incidents.HOUR;
import static org.ecowatch.alerts.leads.Incidents.MILL;
import static org.ecowatch.alerts.leads.Incidents.MINUTE;
import static org.ecowatch.alerts.leads.Incidents.NINE;
import static org.ecowatch.alerts.leads.Incidents.PLATING;
import static org.ecowatch.alerts.leads.Incidents.escalated;
import static org.ecowatch.alerts.leads.Incidents.opened;
import static org.ecowatch.alerts.leads.Incidents.resolved;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecowatch.alerts.leads.Lead.Action;
import org.ecowatch.alerts.leads.Lead.Priority;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.outcomes.ConfirmedOutcome;
import org.ecowatch.alerts.outcomes.ConfirmedOutcomes;
import org.ecowatch.analytics.anomaly.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LeadBuilderTest {
    static final long DAY = 24 * HOUR;

    /** The one lead (first version) a single opened alert makes. */
    static Lead leadOf(String enterprise, String rule, Severity severity) throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            h.feed(opened(enterprise, rule, severity, NINE, NINE + HOUR)).watermark(NINE + HOUR);
            assertThat(h.leads()).hasSize(1);
            return h.last();
        }
    }

    @Test
    void anAlertIsTakenOnlyOnceTheWatermarkPassesItsTime() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            h.feed(opened(MILL, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR)).watermark(NINE + HOUR - 1);
            assertThat(h.leads()).isEmpty();
            h.watermark(NINE + HOUR);
            assertThat(h.leads()).hasSize(1);
            assertThat(h.last().version()).isEqualTo(1);
        }
    }

    @Test
    void anAlertStartingWithinTwoHoursOfTheLastOnesEndJoinsTheSameLead() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            Alert cod = opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR);
            Alert flat = opened(PLATING, "FLATLINE", Severity.MAJOR, NINE + 3 * HOUR - MINUTE, NINE + 3 * HOUR);
            h.feed(cod, resolved(cod, NINE + HOUR + 30 * MINUTE), flat).watermark(NINE + 4 * HOUR);

            List<Lead> leads = h.leads();
            assertThat(leads).extracting(Lead::version).containsExactly(1, 2);
            assertThat(leads).extracting(Lead::leadId).containsOnly(leads.get(0).leadId());
            assertThat(h.last().alerts()).containsExactly(cod.alertId(), flat.alertId());
            assertThat(h.last().openedAt()).isEqualTo(NINE);
        }
    }

    @Test
    void overlappingAlertsJoinOneLeadWhateverTheirStart() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            Alert cod = opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR);
            // a flatline proven after 4 h, started before the exceedance: the exceedance is still open
            Alert flat = opened(PLATING, "FLATLINE", Severity.MAJOR, NINE - HOUR, NINE + 3 * HOUR);
            h.feed(cod, flat).watermark(NINE + 3 * HOUR);

            assertThat(h.leads()).extracting(Lead::leadId).containsOnly(h.leads().get(0).leadId());
            assertThat(h.last().openedAt()).as("openedAt stays the first alert's start: the id derives from it")
                    .isEqualTo(NINE);
        }
    }

    @Test
    void anAlertStartingMoreThanTwoHoursAfterTheIncidentEndedOpensANewLead() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            Alert cod = opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR);
            Alert later = opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE + 3 * HOUR + 31 * MINUTE, NINE + 4 * HOUR + 31 * MINUTE);
            h.feed(cod, resolved(cod, NINE + HOUR + 30 * MINUTE), later).watermark(NINE + 6 * HOUR);

            List<Lead> leads = h.leads();
            assertThat(leads).hasSize(2);
            assertThat(leads.get(1).leadId()).isNotEqualTo(leads.get(0).leadId());
            assertThat(leads.get(1).version()).isEqualTo(1);
            assertThat(leads.get(1).alerts()).containsExactly(later.alertId());
        }
    }

    @Test
    void eachEnterpriseHasItsOwnLead() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            h.feed(opened(MILL, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR),
                    opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR)).watermark(NINE + HOUR);
            assertThat(h.leads()).extracting(Lead::enterpriseId).containsExactlyInAnyOrder(MILL, PLATING);
            assertThat(h.leads()).extracting(Lead::leadId).doesNotHaveDuplicates();
        }
    }

    @Test
    void treatmentOffIsP1WhateverItsSeverity() throws Exception {
        Lead lead = leadOf(PLATING, "TREATMENT_OFF", Severity.WARNING);
        assertThat(lead.priority()).isEqualTo(Priority.P1);
        assertThat(lead.category()).isEqualTo("TREATMENT_OFF");
    }

    @Test
    void aCriticalExceedanceIsP1AndAMajorOneP2() throws Exception {
        assertThat(leadOf(PLATING, "EXCEEDANCE", Severity.CRITICAL).priority()).isEqualTo(Priority.P1);
        assertThat(leadOf(PLATING, "EXCEEDANCE", Severity.MAJOR).priority()).isEqualTo(Priority.P2);
    }

    @Test
    void aFlatlineIsP1AtAKeyUnitAndP3Elsewhere() throws Exception {
        assertThat(leadOf(MILL, "FLATLINE", Severity.MAJOR).priority()).isEqualTo(Priority.P1);
        assertThat(leadOf(PLATING, "FLATLINE", Severity.MAJOR).priority()).isEqualTo(Priority.P3);
    }

    @Test
    void zeroValueAndWaterBalanceAreP2AndTheOtherRulesP3() throws Exception {
        assertThat(leadOf(PLATING, "ZERO_VALUE", Severity.MAJOR).priority()).isEqualTo(Priority.P2);
        assertThat(leadOf(PLATING, "WATER_BALANCE", Severity.MAJOR).priority()).isEqualTo(Priority.P2);
        for (String rule : List.of("EARLY_WARNING", "OUT_OF_RANGE", "INSTRUMENT_FLAG")) {
            assertThat(leadOf(PLATING, rule, Severity.WARNING).priority()).as(rule).isEqualTo(Priority.P3);
        }
    }

    /** One violation of {@code enterprise} confirmed at {@code reportedAt} for the incident opened at {@code openedAt}. */
    static ConfirmedOutcomes confirmed(String enterprise, long openedAt, long reportedAt) {
        return new ConfirmedOutcomes(enterprise, List.of(new ConfirmedOutcome(LeadIds.of(enterprise, openedAt), enterprise,
                Instant.ofEpochMilli(openedAt), Instant.ofEpochMilli(reportedAt))));
    }

    /** The first lead of an early warning at {@code NINE} of each enterprise, after {@code outcomes} were received. */
    static Map<String, Lead> leadsAfter(ConfirmedOutcomes... outcomes) throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            for (ConfirmedOutcomes o : outcomes) {
                h.confirmed(o);
            }
            h.feed(opened(PLATING, "EARLY_WARNING", Severity.WARNING, NINE, NINE + HOUR),
                    opened(MILL, "EARLY_WARNING", Severity.WARNING, NINE, NINE + HOUR)).watermark(NINE + HOUR);
            return h.leads().stream().collect(java.util.stream.Collectors.toMap(Lead::enterpriseId, l -> l));
        }
    }

    @Nested
    class Repeats {
        @Test
        void aLeadAfterAViolationConfirmedWithin90DaysIsARepeatAndP1AndOneAfterMoreIsNot() throws Exception {
            Map<String, Lead> leads = leadsAfter(confirmed(PLATING, NINE - 89 * DAY, NINE - 88 * DAY),
                    confirmed(MILL, NINE - 91 * DAY, NINE - 88 * DAY));

            Lead repeat = leads.get(PLATING);
            assertThat(repeat.repeat()).isTrue();
            assertThat(repeat.priority()).as("P1, although an early warning alone is P3").isEqualTo(Priority.P1);
            assertThat(repeat.action()).isEqualTo(Action.ONSITE_INSPECTION);
            Lead tooOld = leads.get(MILL);
            assertThat(tooOld.repeat()).isFalse();
            assertThat(tooOld.priority()).isEqualTo(Priority.P3);
        }

        @Test
        void nothingConfirmedMeansNoRepeat() throws Exception {
            assertThat(leadsAfter().values()).extracting(Lead::repeat).containsOnly(false);
        }

        @Test
        void aViolationConfirmedOnlyAfterTheNewIncidentOpenedDoesNotMakeItARepeat() throws Exception {
            // as when the lead was built live: the officer's report came later, so a replay must not decide otherwise
            assertThat(leadsAfter(confirmed(PLATING, NINE - DAY, NINE + MINUTE)).get(PLATING).repeat()).isFalse();
            assertThat(leadsAfter(confirmed(PLATING, NINE - DAY, NINE)).get(PLATING).repeat()).isTrue();
        }

        @Test
        void anIncidentIsNotARepeatOfItsOwnConfirmedViolationWhenItsInputIsReplayed() throws Exception {
            assertThat(leadsAfter(confirmed(PLATING, NINE, NINE - MINUTE)).get(PLATING).repeat()).isFalse();
        }

        @Test
        void aNewListReplacesThePreviousOneAndAnEmptyListForgetsTheEnterprise() throws Exception {
            ConfirmedOutcomes recent = confirmed(PLATING, NINE - 10 * DAY, NINE - 9 * DAY);
            ConfirmedOutcomes old = confirmed(PLATING, NINE - 200 * DAY, NINE - 199 * DAY);
            assertThat(leadsAfter(recent, old).get(PLATING).repeat()).isFalse();
            assertThat(leadsAfter(old, recent).get(PLATING).repeat()).isTrue();
            assertThat(leadsAfter(recent, new ConfirmedOutcomes(PLATING, List.of())).get(PLATING).repeat()).isFalse();
        }

        @Test
        void anOutcomeArrivingAfterTheLeadWasBuiltDoesNotRewriteIt() throws Exception {
            try (LeadHarness h = LeadHarness.withDefaults()) {
                Alert early = opened(PLATING, "EARLY_WARNING", Severity.WARNING, NINE, NINE + HOUR);
                h.feed(early).watermark(NINE + HOUR);
                h.confirmed(confirmed(PLATING, NINE - 10 * DAY, NINE - 9 * DAY));
                h.feed(opened(PLATING, "OUT_OF_RANGE", Severity.WARNING, NINE + HOUR, NINE + 2 * HOUR)).watermark(NINE + 2 * HOUR);

                assertThat(h.leads()).extracting(Lead::version).containsExactly(1, 2);
                assertThat(h.leads()).extracting(Lead::repeat).containsOnly(false);
            }
        }

        @Test
        void theConfirmedViolationsSurviveARestartFromACheckpoint() throws Exception {
            org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
            try (LeadHarness h = LeadHarness.withDefaults()) {
                h.confirmed(confirmed(PLATING, NINE - 10 * DAY, NINE - 9 * DAY));
                snapshot = h.snapshot();
            }
            try (LeadHarness restored = new LeadHarness(new LeadBuilder(Incidents.config()), snapshot)) {
                restored.feed(opened(PLATING, "EARLY_WARNING", Severity.WARNING, NINE, NINE + HOUR)).watermark(NINE + HOUR);
                assertThat(restored.last().repeat()).isTrue();
                assertThat(restored.last().priority()).isEqualTo(Priority.P1);
            }
        }
    }

    @Test
    void aPositiveListEnterpriseGetsOffsiteVerificationBelowP1AndAnInspectionAtP1() throws Exception {
        assertThat(leadOf(DYE, "EXCEEDANCE", Severity.MAJOR).action()).isEqualTo(Action.OFFSITE_VERIFICATION);
        assertThat(leadOf(DYE, "EXCEEDANCE", Severity.CRITICAL).action()).isEqualTo(Action.ONSITE_INSPECTION);
        assertThat(leadOf(PLATING, "EXCEEDANCE", Severity.MAJOR).action()).isEqualTo(Action.ONSITE_INSPECTION);
    }

    @Test
    void aP3LeadIsAnOffsiteVerificationEvenAtAKeyUnit() throws Exception {
        Lead lead = leadOf(MILL, "OUT_OF_RANGE", Severity.WARNING);
        assertThat(lead.priority()).isEqualTo(Priority.P3);
        assertThat(lead.action()).isEqualTo(Action.OFFSITE_VERIFICATION);
    }

    @Test
    void aKeyUnitIsDueFourHoursAfterTheIncidentStartedAndOthersAfter48() throws Exception {
        Lead key = leadOf(MILL, "EXCEEDANCE", Severity.MAJOR);
        Lead general = leadOf(PLATING, "EXCEEDANCE", Severity.MAJOR);
        assertThat(key.openedAt()).isEqualTo(NINE);
        assertThat(key.dueBy()).isEqualTo(NINE + 4 * HOUR);
        assertThat(general.dueBy()).isEqualTo(NINE + 48 * HOUR);
    }

    @Test
    void growthRepublishesTheSameLeadWithTheNextVersionButAResolveDoesNot() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            Alert cod = opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR);
            h.feed(cod).watermark(NINE + HOUR);
            assertThat(h.last().priority()).isEqualTo(Priority.P2);

            h.feed(escalated(cod, Severity.CRITICAL, NINE + 2 * HOUR)).watermark(NINE + 2 * HOUR);
            assertThat(h.last().version()).isEqualTo(2);
            assertThat(h.last().priority()).as("priority rises with the escalation").isEqualTo(Priority.P1);

            Alert zero = opened(PLATING, "ZERO_VALUE", Severity.MAJOR, NINE + 2 * HOUR, NINE + 3 * HOUR);
            h.feed(zero).watermark(NINE + 3 * HOUR);
            assertThat(h.last().version()).isEqualTo(3);
            assertThat(h.last().category()).as("the most severe alert names the lead").isEqualTo("EXCEEDANCE");
            assertThat(h.last().alerts()).containsExactly(cod.alertId(), zero.alertId());

            h.feed(resolved(cod, NINE + 4 * HOUR), opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR))
                    .watermark(NINE + 4 * HOUR);
            assertThat(h.leads()).as("a resolve or a duplicate publishes nothing").hasSize(3);

            h.feed(resolved(zero, NINE + 5 * HOUR), escalated(cod, Severity.CRITICAL, NINE + 5 * HOUR))
                    .watermark(NINE + 5 * HOUR);
            assertThat(h.leads()).hasSize(3);
            assertThat(h.leads()).extracting(Lead::leadId).containsOnly(h.leads().get(0).leadId());
        }
    }

    @Test
    void severalAlertsOfOneInstantMakeOneVersion() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            h.feed(opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR),
                    opened(PLATING, "ZERO_VALUE", Severity.MAJOR, NINE, NINE + HOUR)).watermark(NINE + HOUR);
            assertThat(h.leads()).hasSize(1);
            assertThat(h.last().alerts()).hasSize(2);
        }
    }

    @Test
    void anOfflineDeviceBecomesALeadOnlyAfterTwelveHoursAtAGeneralUnit() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            Alert silent = opened(PLATING, "OFFLINE", Severity.WARNING, NINE, NINE + 10 * MINUTE);
            h.feed(silent).watermark(NINE + 12 * HOUR - 1);
            assertThat(h.leads()).isEmpty();

            h.watermark(NINE + 12 * HOUR);
            assertThat(h.leads()).hasSize(1);
            Lead lead = h.last();
            assertThat(lead.priority()).isEqualTo(Priority.P2);
            assertThat(lead.category()).isEqualTo("OFFLINE");
            assertThat(lead.openedAt()).isEqualTo(NINE);
            assertThat(lead.alerts()).containsExactly(silent.alertId());
        }
    }

    @Test
    void anOfflineKeyUnitBecomesALeadAfterOneHour() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            h.feed(opened(MILL, "OFFLINE", Severity.WARNING, NINE, NINE + 10 * MINUTE)).watermark(NINE + HOUR - 1);
            assertThat(h.leads()).isEmpty();
            h.watermark(NINE + HOUR);
            assertThat(h.leads()).hasSize(1);
            assertThat(h.last().dueBy()).isEqualTo(NINE + 4 * HOUR);
        }
    }

    @Test
    void anOfflineDeviceThatReportsAgainBeforeItsLeadDelayMakesNoLeadAndLeavesNothingBehind() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            Alert silent = opened(PLATING, "OFFLINE", Severity.WARNING, NINE, NINE + 10 * MINUTE);
            h.feed(silent, resolved(silent, NINE + 3 * HOUR)).watermark(NINE + 3 * HOUR);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
            h.watermark(NINE + 2 * DAY);
            assertThat(h.leads()).isEmpty();
        }
    }

    @Test
    void anOfflineDeviceJoinsTheOpenIncidentOnceItsDelayHasPassed() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            Alert cod = opened(MILL, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR);
            Alert silent = opened(MILL, "OFFLINE", Severity.WARNING, NINE + HOUR, NINE + HOUR + 10 * MINUTE);
            h.feed(cod, silent).watermark(NINE + 2 * HOUR);
            assertThat(h.leads()).extracting(Lead::version).containsExactly(1, 2);
            assertThat(h.last().alerts()).containsExactly(cod.alertId(), silent.alertId());
        }
    }

    @Test
    void theSameInputTwiceGivesTheSameLeadIdsWhateverTheArrivalOrderWithinAWatermark() throws Exception {
        Alert a = opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR);
        Alert b = opened(PLATING, "FLATLINE", Severity.MAJOR, NINE - HOUR, NINE + HOUR + 5 * MINUTE);
        Alert c = opened(PLATING, "ZERO_VALUE", Severity.MAJOR, NINE + 6 * HOUR, NINE + 7 * HOUR);
        List<Alert> input = List.of(a, b, resolved(a, NINE + 2 * HOUR), resolved(b, NINE + 2 * HOUR), c);
        List<String> first = leadIds(input);
        List<String> again = leadIds(input);
        List<Alert> backwards = new java.util.ArrayList<>(input);
        java.util.Collections.reverse(backwards);
        List<String> reversed = leadIds(backwards);
        assertThat(first).hasSize(2).doesNotHaveDuplicates();
        assertThat(again).isEqualTo(first);
        assertThat(reversed).isEqualTo(first);
    }

    private static List<String> leadIds(List<Alert> input) throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            for (Alert alert : input) {
                h.feed(alert);
            }
            h.watermark(NINE + 8 * HOUR);
            return h.leads().stream().map(Lead::leadId).distinct().toList();
        }
    }

    @Test
    void stateAndTimersGoTwoHoursAfterTheLastAlertResolved() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            Alert cod = opened(MILL, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR);
            Alert flat = opened(MILL, "FLATLINE", Severity.MAJOR, NINE, NINE + 90 * MINUTE);
            Alert silent = opened(MILL, "OFFLINE", Severity.WARNING, NINE + 2 * HOUR, NINE + 2 * HOUR + 10 * MINUTE);
            h.feed(cod, flat, resolved(cod, NINE + 2 * HOUR), silent, resolved(flat, NINE + 3 * HOUR))
                    .watermark(NINE + 3 * HOUR);
            assertThat(h.stateEntries()).isPositive();

            h.feed(resolved(silent, NINE + 4 * HOUR)).watermark(NINE + 6 * HOUR - 1);
            assertThat(h.stateEntries()).as("within 2 h of the last resolve the incident is kept").isPositive();

            h.watermark(NINE + 6 * HOUR);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void aJoiningAlertCancelsThePendingCleanup() throws Exception {
        try (LeadHarness h = LeadHarness.withDefaults()) {
            Alert cod = opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR);
            Alert zero = opened(PLATING, "ZERO_VALUE", Severity.MAJOR, NINE + 2 * HOUR, NINE + 2 * HOUR + 30 * MINUTE);
            h.feed(cod, resolved(cod, NINE + 2 * HOUR), zero).watermark(NINE + 2 * HOUR + 30 * MINUTE);
            assertThat(h.timers()).as("nothing is due while the zero value holds").isZero();
            h.watermark(NINE + 10 * HOUR);
            assertThat(h.stateEntries()).isPositive();
            assertThat(h.leads()).extracting(Lead::version).containsExactly(1, 2);
        }
    }

    @Test
    void theSummaryTellsWhatWhereSinceWhenAndHowFarOverTheLimit() throws Exception {
        Lead lead = leadOf(MILL, "EXCEEDANCE", Severity.CRITICAL);
        assertThat(lead.summary()).isEqualTo(
                "某造纸有限公司 (ent-001): w01018 at ww-01 is 162.0 against the limit 100.0 (1.6 × the limit)"
                        + " since 2026-11-27 09:00 +08:00.");
        assertThat(lead.district()).isEqualTo("north");
        assertThat(lead.enterpriseName()).isEqualTo("某造纸有限公司");
        assertThat(lead.zone()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void evidenceComesFromEveryAlertAndIsBounded() {
        List<Alert> many = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) {
            many.add(opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE + i * HOUR, NINE + i * HOUR + HOUR));
        }
        List<org.ecowatch.analytics.anomaly.Evidence> evidence = LeadBuilder.evidence(many);
        assertThat(evidence).hasSize(LeadBuilder.MAX_EVIDENCE);
        assertThat(evidence).extracting(org.ecowatch.analytics.anomaly.Evidence::ts)
                .isSorted()
                .as("the first reading of every alert is there").contains(many.stream().map(Alert::startedAt).toArray(Long[]::new));
    }

    @Test
    void aRestartFromACheckpointKeepsTheIncidentTheWaitingOfflineAlertAndTheirTimers() throws Exception {
        Alert cod = opened(PLATING, "EXCEEDANCE", Severity.MAJOR, NINE, NINE + HOUR);
        Alert silent = opened(PLATING, "OFFLINE", Severity.WARNING, NINE, NINE + 10 * MINUTE);
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        String leadId;
        try (LeadHarness h = LeadHarness.withDefaults()) {
            h.feed(cod, silent).watermark(NINE + HOUR);
            leadId = h.last().leadId();
            snapshot = h.snapshot();
        }
        try (LeadHarness restored = new LeadHarness(new LeadBuilder(Incidents.config()), snapshot)) {
            restored.watermark(NINE + 12 * HOUR);
            assertThat(restored.leads()).hasSize(1);
            assertThat(restored.last().leadId()).isEqualTo(leadId);
            assertThat(restored.last().version()).isEqualTo(2);
            assertThat(restored.last().alerts()).containsExactly(cod.alertId(), silent.alertId());
        }
    }
}
