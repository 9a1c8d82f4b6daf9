package org.ecowatch.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.alerts.lifecycle.Signals.*;
import static org.ecowatch.alerts.message.AlertState.ESCALATED;
import static org.ecowatch.alerts.message.AlertState.OPENED;
import static org.ecowatch.alerts.message.AlertState.RESOLVED;

import java.util.List;
import java.util.UUID;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.analytics.anomaly.Severity;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
    static final long T = TWO_PM;

    @Test
    void opensOnceWhenTheConditionHoldsAndSaysNothingMoreWhileItKeepsHolding() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            h.feed(exceeds(T, Severity.MAJOR, 130.0), exceeds(T + HOUR, T - HOUR, Severity.MAJOR, 125.0))
                    .watermark(T + 3 * HOUR);

            assertThat(h.states()).containsExactly(OPENED);
            Alert opened = h.last();
            assertThat(opened.rule()).isEqualTo("EXCEEDANCE");
            assertThat(opened.severity()).isEqualTo(Severity.MAJOR);
            assertThat(opened.startedAt()).isEqualTo(T - HOUR);
            assertThat(opened.at()).isEqualTo(T);
            assertThat(opened.observed()).isEqualTo(130.0);
            assertThat(opened.limit()).isEqualTo(100.0);
            assertThat(opened.window()).isEqualTo("PT1H");
            assertThat(opened.evidence()).hasSize(2);
            assertThat(opened.zone()).isEqualTo("Asia/Shanghai");
            assertThat(opened.flapping()).isFalse();
            assertThat(opened.maintenance()).isEmpty();
            assertThat(opened.message()).startsWith("EXCEEDANCE at ent-001/ww-01 w01018 opened (MAJOR): w01018 hourly average");
        }
    }

    @Test
    void escalatesWhenTheSeverityRisesButNotWhenItFallsAndRisesBackToTheSameLevel() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            h.feed(exceeds(T, Severity.MAJOR, 130.0),
                    exceeds(T + HOUR, T - HOUR, Severity.CRITICAL, 160.0),
                    exceeds(T + 2 * HOUR, T - HOUR, Severity.MAJOR, 130.0),
                    exceeds(T + 3 * HOUR, T - HOUR, Severity.CRITICAL, 155.0));

            assertThat(h.states()).containsExactly(OPENED, ESCALATED);
            Alert escalated = h.last();
            assertThat(escalated.alertId()).isEqualTo(h.alerts().get(0).alertId());
            assertThat(escalated.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(escalated.startedAt()).isEqualTo(T - HOUR);
            assertThat(escalated.at()).isEqualTo(T + HOUR);
            assertThat(escalated.observed()).isEqualTo(160.0);
            assertThat(escalated.message()).contains("escalated from MAJOR to CRITICAL");
        }
    }

    @Test
    void resolvesOnlyOnceTheConditionHasBeenClearForTheClearDuration() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            // an hourly exceedance: by default one more hour without it must pass
            h.feed(exceeds(T, Severity.MAJOR, 130.0), exceedanceClears(T + HOUR, Severity.MAJOR, 80.0))
                    .watermark(T + 2 * HOUR - 1);
            assertThat(h.states()).containsExactly(OPENED);

            h.watermark(T + 2 * HOUR);
            assertThat(h.states()).containsExactly(OPENED, RESOLVED);
            Alert resolved = h.last();
            assertThat(resolved.alertId()).isEqualTo(h.alerts().get(0).alertId());
            assertThat(resolved.at()).isEqualTo(T + 2 * HOUR);
            assertThat(resolved.startedAt()).isEqualTo(T - HOUR);
            assertThat(resolved.severity()).isEqualTo(Severity.MAJOR);
            assertThat(resolved.observed()).isEqualTo(80.0);
            assertThat(resolved.message()).contains("resolved: clear since 2026-11-27T15:00+08:00 for 1 h");
        }
    }

    @Test
    void aHoldingSignalWithinTheClearDurationKeepsTheSameEpisodeOpen() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            // the next hour exceeds again, judged exactly when the resolve was due
            h.feed(exceeds(T, Severity.MAJOR, 130.0), exceedanceClears(T + HOUR, Severity.MAJOR, 80.0));
            assertThat(h.timers()).as("the pending resolve").isEqualTo(1);
            h.feed(exceeds(T + 2 * HOUR, Severity.MAJOR, 120.0));
            assertThat(h.timers()).as("the cancelled resolve leaves no timer").isZero();

            h.watermark(T + 4 * HOUR);
            assertThat(h.states()).containsExactly(OPENED);

            h.feed(exceedanceClears(T + 4 * HOUR, Severity.MAJOR, 70.0)).watermark(T + 5 * HOUR);
            assertThat(h.states()).containsExactly(OPENED, RESOLVED);
            assertThat(h.last().alertId()).isEqualTo(h.alerts().get(0).alertId());
            assertThat(h.last().startedAt()).isEqualTo(T - HOUR);
        }
    }

    @Test
    void aClearDurationWrittenForTheRuleReplacesTheDefault() throws Exception {
        LifecycleParameters halfHour = new LifecycleParameters(java.util.Map.of("EXCEEDANCE", java.time.Duration.ofMinutes(30)),
                LifecycleParameters.FLAP_RESOLVES, LifecycleParameters.FLAP_WINDOW);
        try (LifecycleHarness h = new LifecycleHarness(new AlertLifecycle(Signals.config(), halfHour))) {
            h.feed(exceeds(T, Severity.MAJOR, 130.0), exceedanceClears(T + HOUR, Severity.MAJOR, 80.0))
                    .watermark(T + HOUR + 30 * MINUTE - 1);
            assertThat(h.states()).containsExactly(OPENED);

            h.watermark(T + HOUR + 30 * MINUTE);
            assertThat(h.states()).containsExactly(OPENED, RESOLVED);
            assertThat(h.last().message()).contains("for 30 min");
        }
    }

    @Test
    void aSignalAheadOfEventTimeWaitsSoTheResolveDueBeforeItHappensFirst() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            // clear at T + 5 min, so the resolve is due at T + 20 min
            h.feed(outOfRange(T), backInRange(T + 5 * MINUTE));
            // the condition holds again at T + 26 min, and says so while event time is still at T + 5 min
            h.arriveEarly(outOfRange(T + 26 * MINUTE));
            assertThat(h.states()).containsExactly(OPENED);

            h.watermark(T + 26 * MINUTE);
            assertThat(h.states()).containsExactly(OPENED, RESOLVED, OPENED);
            assertThat(h.alerts().get(2).alertId()).isNotEqualTo(h.alerts().get(0).alertId());
        }
    }

    /** One out-of-range episode opening at {@code start}, clear 5 minutes later, resolved 15 minutes after that. */
    private static void cycle(LifecycleHarness h, long start) throws Exception {
        h.feed(outOfRange(start), backInRange(start + 5 * MINUTE)).watermark(start + 20 * MINUTE);
    }

    @Test
    void anAlertThatOpenedAndResolvedThreeTimesWithinTwoHoursStaysOpenTheFourthTimeAndSaysSo() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            cycle(h, T);
            cycle(h, T + 25 * MINUTE);
            cycle(h, T + 50 * MINUTE);
            assertThat(h.states()).containsExactly(OPENED, RESOLVED, OPENED, RESOLVED, OPENED, RESOLVED);

            long fourth = T + 75 * MINUTE;
            h.feed(outOfRange(fourth));
            Alert opened = h.last();
            assertThat(opened.state()).isEqualTo(OPENED);
            assertThat(opened.flapping()).isTrue();
            assertThat(opened.message()).contains("flapping: it opened and resolved 3 times within 2 h, so it stays open"
                    + " until the condition has been clear for 2 h");

            h.feed(backInRange(fourth + 5 * MINUTE)).watermark(fourth + 5 * MINUTE + 2 * HOUR - 1);
            assertThat(h.last()).isEqualTo(opened);

            h.watermark(fourth + 5 * MINUTE + 2 * HOUR);
            assertThat(h.last().state()).isEqualTo(RESOLVED);
            assertThat(h.last().alertId()).isEqualTo(opened.alertId());
            assertThat(h.last().message()).contains("it was flapping, so it stayed open until the condition had been clear for 2 h");
        }
    }

    @Test
    void threeResolvesSpreadOverMoreThanTwoHoursAreNotFlapping() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            cycle(h, T);
            cycle(h, T + 25 * MINUTE);
            cycle(h, T + 50 * MINUTE);
            // the first resolve (T + 20 min) is two hours old one minute before this opens
            h.feed(outOfRange(T + 20 * MINUTE + 2 * HOUR));

            assertThat(h.last().state()).isEqualTo(OPENED);
            assertThat(h.last().flapping()).isFalse();
            assertThat(h.last().message()).doesNotContain("flapping");
        }
    }

    @Test
    void maintenanceSuppressesAQualityRuleThatHoldsAndClearsInsideTheWindow() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            h.feed(flatline(TEN + 30 * MINUTE, TEN - 3 * HOUR - 30 * MINUTE), flatlineClears(TEN + HOUR));
            assertThat(h.timers()).as("the end of the window is no longer awaited").isZero();
            h.watermark(NOON + 3 * HOUR);

            assertThat(h.alerts()).isEmpty();
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void aQualityConditionThatOutlastsTheMaintenanceOpensWhenTheWindowEndsAndNamesIt() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            h.feed(flatline(TEN + 30 * MINUTE, TEN - 3 * HOUR - 30 * MINUTE)).watermark(NOON - 1);
            assertThat(h.alerts()).isEmpty();

            h.watermark(NOON);
            assertThat(h.states()).containsExactly(OPENED);
            Alert opened = h.last();
            assertThat(opened.rule()).isEqualTo("FLATLINE");
            assertThat(opened.startedAt()).isEqualTo(NOON);
            assertThat(opened.at()).isEqualTo(NOON);
            assertThat(opened.maintenance()).singleElement().satisfies(m -> {
                assertThat(m.reason()).isEqualTo("年度比对监测");
                assertThat(m.from()).isEqualTo(TEN);
                assertThat(m.to()).isEqualTo(NOON);
            });
            assertThat(opened.message()).contains("still holds after the maintenance that ended at 2026-11-27T12:00+08:00")
                    .contains("; maintenance ent-001/ww-01 2026-11-27T10:00+08:00 to 2026-11-27T12:00+08:00 (年度比对监测)");
        }
    }

    @Test
    void maintenanceDoesNotSuppressAnExceedanceButNamesTheWindow() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            h.feed(exceeds(TEN + HOUR, Severity.MAJOR, 130.0));

            assertThat(h.states()).containsExactly(OPENED);
            assertThat(h.last().maintenance()).singleElement().extracting(m -> m.reason()).isEqualTo("年度比对监测");
            assertThat(h.last().message()).contains("年度比对监测");
        }
    }

    @Test
    void anAlertOpenedBeforeTheWindowNamesItWhenItResolvesAfterIt() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            h.feed(outOfRange(NINE + 30 * MINUTE), backInRange(NOON + 30 * MINUTE)).watermark(NOON + HOUR);

            assertThat(h.states()).containsExactly(OPENED, RESOLVED);
            assertThat(h.alerts().get(0).maintenance()).isEmpty();
            assertThat(h.last().maintenance()).hasSize(1);
            assertThat(h.last().message()).contains("(年度比对监测)");
        }
    }

    private static List<Alert> dayOfSignals(LifecycleHarness h) throws Exception {
        h.feed(exceeds(T, Severity.MAJOR, 130.0), exceeds(T + HOUR, T - HOUR, Severity.CRITICAL, 160.0),
                exceedanceClears(T + 2 * HOUR, Severity.CRITICAL, 80.0), outOfRange(T + 2 * HOUR),
                backInRange(T + 2 * HOUR + 10 * MINUTE)).watermark(T + 4 * HOUR);
        h.feed(exceeds(T + 5 * HOUR, Severity.MAJOR, 120.0));
        return h.alerts();
    }

    @Test
    void theSameInputTwiceGivesTheSameAlertsAndIds() throws Exception {
        List<Alert> first, second;
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            first = dayOfSignals(h);
        }
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            second = dayOfSignals(h);
        }

        assertThat(first).hasSize(6).isEqualTo(second);
        List<String> ids = first.stream().map(Alert::alertId).distinct().toList();
        assertThat(ids).as("two exceedance episodes and one out-of-range").hasSize(3);
        assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(5));
    }

    @Test
    void afterARestoreTheSameSignalsOpenNothingNewAndResolveTheSameEpisode() throws Exception {
        OperatorSubtaskState checkpoint;
        String id;
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            h.feed(exceeds(T, Severity.MAJOR, 130.0));
            id = h.last().alertId();
            checkpoint = h.snapshot();
        }
        try (LifecycleHarness h = new LifecycleHarness(new AlertLifecycle(Signals.config(), LifecycleParameters.defaults()),
                checkpoint)) {
            // the source replays from the checkpoint: the same signal again, then the rest
            h.feed(exceeds(T, Severity.MAJOR, 130.0), exceedanceClears(T + HOUR, Severity.MAJOR, 80.0))
                    .watermark(T + 2 * HOUR);

            assertThat(h.states()).containsExactly(RESOLVED);
            assertThat(h.last().alertId()).isEqualTo(id);
        }
    }

    @Test
    void leavesNoStateOrTimersOnceResolvedAndTheFlappingHistoryHasExpired() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            h.feed(exceeds(T, Severity.MAJOR, 130.0), exceedanceClears(T + HOUR, Severity.MAJOR, 80.0))
                    .watermark(T + 2 * HOUR);
            assertThat(h.last().state()).isEqualTo(RESOLVED);
            assertThat(h.stateEntries()).as("only the resolve time, for flapping").isEqualTo(1);
            assertThat(h.timers()).as("its expiry").isEqualTo(1);

            h.watermark(T + 4 * HOUR);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void aClearSignalWithoutAnOpenAlertIsIgnoredWithoutState() throws Exception {
        try (LifecycleHarness h = LifecycleHarness.withDefaults()) {
            h.feed(exceedanceClears(T, Severity.MAJOR, 80.0)).watermark(T + 3 * HOUR);

            assertThat(h.alerts()).isEmpty();
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }
}
