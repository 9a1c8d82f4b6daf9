package org.ecowatch.analytics.rules.exceedance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.analytics.rules.Fixtures.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.RuleHarness;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExceedanceRuleTest {
    final RuleHarness rule;

    ExceedanceRuleTest() throws Exception {
        rule = new RuleHarness(new ExceedanceRule(config()));
    }

    @AfterEach
    void close() throws Exception {
        rule.close();
    }

    static Reading reportedHourlyAverage(long hourStart, double value, String flag) {
        return new Reading(MILL, OUTLET, COD, hourStart, value, flag, "Avg", HOUR);
    }

    @Nested
    class Fires {
        @Test
        void majorWhenTheHourlyAverageIsAboveTheLimit() throws Exception {
            rule.feed(codBetween(NINE, TEN, 110)).watermark(TEN);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("EXCEEDANCE");
                assertThat(a.holds()).isTrue();
                assertThat(a.severity()).isEqualTo(Severity.MAJOR);
                assertThat(a.observed()).isEqualTo(110.0);
                assertThat(a.limit()).isEqualTo(COD_LIMIT);
                assertThat(a.since()).isEqualTo(NINE);
                assertThat(a.at()).isEqualTo(TEN);
                assertThat(a.windowMillis()).isEqualTo(HOUR);
                assertThat(a.message()).contains("w01018 hourly average 110 mg/L is above the limit 100");
                assertThat(a.evidence()).hasSizeBetween(10, Anomaly.MAX_EVIDENCE).allMatch(e -> e.ts() >= NINE && e.ts() < TEN);
            });
        }

        @Test
        void criticalAtOneAndAHalfTimesTheLimit() throws Exception {
            rule.feed(codBetween(NINE, TEN, 150)).watermark(TEN);

            assertThat(rule.signals()).extracting(Anomaly::severity).containsExactly(Severity.CRITICAL);
        }

        @Test
        void onAnAverageTheEquipmentReportedForTheHour() throws Exception {
            rule.feed(reportedHourlyAverage(NINE, 120, "N")).watermark(TEN);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.MAJOR);
                assertThat(a.since()).isEqualTo(NINE);
                assertThat(a.at()).isEqualTo(TEN);
                assertThat(a.evidence()).extracting(e -> e.value()).containsExactly(120.0);
            });
        }

        @Test
        void whenTheReadingsOfTheHourArriveShuffledWithinTheWatermarksBound() throws Exception {
            List<Reading> shuffled = new ArrayList<>(codBetween(NINE, TEN, 110));
            Collections.shuffle(shuffled, new Random(7));

            rule.feed(shuffled).watermark(TEN);

            assertThat(rule.signals()).extracting(Anomaly::severity, Anomaly::observed)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.MAJOR, 110.0));
        }

        @Test
        void onAFlueGasHourWithFortyFiveValidMinutes() throws Exception {
            rule.feed(every(MINUTE, NINE, NINE + 45 * MINUTE, t -> nox(t, 250))).watermark(TEN);

            assertThat(rule.signals()).extracting(Anomaly::metric).containsExactly(NOX);
        }
    }

    @Nested
    class StaysQuiet {
        @Test
        void whenTheHourlyAverageEqualsTheLimit() throws Exception {
            rule.feed(every(30_000, NINE, TEN, t -> cod(t, (t / 30_000) % 2 == 0 ? 99 : 101))).watermark(TEN);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenSingleReadingsAreHighButTheHourlyAverageIsNot() throws Exception {
            List<Reading> readings = new ArrayList<>(codBetween(NINE, NINE + 50 * MINUTE, 90));
            readings.addAll(codBetween(NINE + 50 * MINUTE, TEN, 140)); // average (100×90 + 20×140) / 120 ≈ 98.3

            rule.feed(readings).watermark(TEN);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheHighValuesAreFlaggedMaintenance() throws Exception {
            List<Reading> readings = new ArrayList<>(codBetween(NINE, NINE + 20 * MINUTE, 90));
            readings.addAll(every(30_000, NINE + 20 * MINUTE, TEN, t -> cod(t, 300, "M")));

            rule.feed(readings).watermark(TEN);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenAFlueGasHourHasOnlyFortyFourValidMinutes() throws Exception {
            rule.feed(every(MINUTE, NINE, NINE + 44 * MINUTE, t -> nox(t, 250))).watermark(TEN);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenAWastewaterHourHasLessThanTenValidMinutes() throws Exception {
            rule.feed(codBetween(NINE, NINE + 9 * MINUTE + 30_000, 200)).watermark(TEN);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void untilTheWatermarkPassesTheEndOfTheHour() throws Exception {
            rule.feed(codBetween(NINE, TEN, 110)).watermark(TEN - 1);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void onAReportedAverageFlaggedAsManual() throws Exception {
            rule.feed(reportedHourlyAverage(NINE, 120, "S")).watermark(TEN);

            assertThat(rule.signals()).isEmpty();
        }
    }

    @Nested
    class Hysteresis {
        @Test
        void keepsHoldingBetweenNinetyPercentAndTheLimitAndClearsBelow() throws Exception {
            rule.feed(codBetween(NINE, TEN, 110)).feed(codBetween(TEN, ELEVEN, 95)).feed(codBetween(ELEVEN, NOON, 89))
                    .watermark(NOON);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at, Anomaly::observed).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(true, TEN, 110.0),
                    org.assertj.core.groups.Tuple.tuple(false, NOON, 89.0));
        }

        @Test
        void signalsASeverityChangeWithinOneEpisodeKeepingItsStart() throws Exception {
            rule.feed(codBetween(NINE, TEN, 160)).feed(codBetween(TEN, ELEVEN, 120)).feed(codBetween(ELEVEN, NOON, 125))
                    .watermark(NOON);

            assertThat(rule.signals()).extracting(Anomaly::severity, Anomaly::since, Anomaly::at).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Severity.CRITICAL, NINE, TEN),
                    org.assertj.core.groups.Tuple.tuple(Severity.MAJOR, NINE, ELEVEN));
        }

        @Test
        void judgesTheHourWhenTheNextHoursFirstReadingArrivesEvenBeforeTheWatermarkTimerOfItsEnd() throws Exception {
            rule.feed(codBetween(NINE, TEN, 110)).feed(cod(TEN, 50)).watermark(TEN);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true);
        }
    }

    @Nested
    class Cleanup {
        @Test
        void leavesNoStateOrTimersOnceTheConditionClearedAndTheKeyWentQuiet() throws Exception {
            rule.feed(codBetween(NINE, TEN, 110)).feed(codBetween(TEN, ELEVEN, 50)).watermark(ELEVEN + 26 * HOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true, false);
            assertThat(rule.stateEntries()).isZero();
            assertThat(rule.timers()).isZero();
        }

        @Test
        void keepsOnlyTheMarkerOfAConditionStillHoldingWhenTheDeviceFallsSilent() throws Exception {
            rule.feed(codBetween(NINE, TEN, 110)).watermark(TEN + 26 * HOUR);

            assertThat(rule.stateEntries()).isEqualTo(1);
            assertThat(rule.timers()).isZero();

            rule.feed(codBetween(TEN + 27 * HOUR, TEN + 28 * HOUR, 112)).watermark(TEN + 28 * HOUR);
            assertThat(rule.signals()).as("no second OPEN for the same episode").hasSize(1);
        }

        @Test
        void dropsAReadingThatArrivesBehindTheWatermark() throws Exception {
            rule.watermark(TEN).feed(codBetween(NINE, TEN, 500)).watermark(ELEVEN);

            assertThat(rule.signals()).isEmpty();
            assertThat(rule.stateEntries()).isZero();
        }
    }
}
