package org.ecowatch.analytics.rules.treatmentoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.ecowatch.analytics.rules.MeterFixtures.*;

import java.util.List;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.Fixtures;
import org.ecowatch.analytics.rules.ReadingKeys;
import org.ecowatch.analytics.rules.RuleHarness;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The dye works' production runs at ≥ 20 kW; its treatment facility runs at ≥ 10 kW and idles below 30 kW (30 % of
 * its rated 100 kW). Both meters report every minute; production runs at 120 kW from 02:00 to 04:00 unless a test
 * says otherwise.
 */
class TreatmentOffRuleTest {
    static final long QUARTER_PAST = TWO_AM + 15 * MINUTE, HALF_PAST = TWO_AM + 30 * MINUTE, FOUR = TWO_AM + 2 * HOUR;
    final RuleHarness rule;

    TreatmentOffRuleTest() throws Exception {
        rule = new RuleHarness(new TreatmentOffRule(config()), ReadingKeys.byEnterprise());
    }

    @AfterEach
    void close() throws Exception {
        rule.close();
    }

    RuleHarness producing() throws Exception {
        return rule.feed(power(PRODUCTION, TWO_AM, FOUR, 120));
    }

    @Nested
    class Fires {
        @Test
        void majorWhenTreatmentIsOffForFifteenMinutesWhileProductionRuns() throws Exception {
            producing().feed(power(TREATMENT, TWO_AM, TWO_AM + 10 * MINUTE, 60))
                    .feed(power(TREATMENT, TWO_AM + 10 * MINUTE, FOUR, 2)).watermark(FOUR);

            assertThat(rule.signals()).hasSize(1).first().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("TREATMENT_OFF");
                assertThat(a.enterpriseId()).isEqualTo(DYE);
                assertThat(a.deviceId()).isEqualTo(TREATMENT);
                assertThat(a.metric()).isEqualTo(POWER);
                assertThat(a.holds()).isTrue();
                assertThat(a.severity()).isEqualTo(Severity.MAJOR);
                assertThat(a.since()).isEqualTo(TWO_AM + 10 * MINUTE);
                assertThat(a.at()).isEqualTo(TWO_AM + 25 * MINUTE);
                assertThat(a.observed()).isEqualTo(2.0);
                assertThat(a.limit()).isEqualTo(10.0);
                assertThat(a.windowMillis()).isEqualTo(15 * MINUTE);
                assertThat(a.evidence()).hasSizeLessThanOrEqualTo(Anomaly.MAX_EVIDENCE)
                        .extracting(Evidence::deviceId).contains(PRODUCTION, TREATMENT);
                assertThat(a.evidence()).extracting(Evidence::ts).isSorted();
            });
        }

        @Test
        void warningWhenTreatmentIdlesBelowThirtyPercentOfRatedPower() throws Exception {
            producing().feed(power(TREATMENT, TWO_AM, FOUR, 25)).watermark(FOUR);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.WARNING);
                assertThat(a.since()).isEqualTo(TWO_AM);
                assertThat(a.at()).isEqualTo(QUARTER_PAST);
                assertThat(a.limit()).isEqualTo(30.0);
                assertThat(a.message()).contains("idling");
            });
        }

        @Test
        void escalatesFromIdlingToOffWithinOneEpisode() throws Exception {
            producing().feed(power(TREATMENT, TWO_AM, TWO_AM + 20 * MINUTE, 25))
                    .feed(power(TREATMENT, TWO_AM + 20 * MINUTE, FOUR, 0)).watermark(FOUR);

            assertThat(rule.signals()).extracting(Anomaly::severity, Anomaly::since, Anomaly::at).containsExactly(
                    tuple(Severity.WARNING, TWO_AM, QUARTER_PAST),
                    tuple(Severity.MAJOR, TWO_AM, TWO_AM + 35 * MINUTE));
        }

        @Test
        void whenEveryTreatmentMeterOfSeveralIsOff() throws Exception {
            rule.feed(twin(PRODUCTION, 120)).feed(twin(TREATMENT, 0)).feed(twin(TREATMENT_B, 3)).watermark(FOUR);

            assertThat(rule.signals()).extracting(Anomaly::enterpriseId, Anomaly::deviceId, Anomaly::severity)
                    .containsExactly(tuple(TWIN, TREATMENT, Severity.MAJOR));
        }
    }

    @Nested
    class StaysQuiet {
        @Test
        void whenTreatmentIsOffOneMinuteTooShort() throws Exception {
            producing().feed(power(TREATMENT, TWO_AM, TWO_AM + 14 * MINUTE, 0))
                    .feed(power(TREATMENT, TWO_AM + 14 * MINUTE, FOUR, 60)).watermark(FOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenProductionIsJustBelowItsRunningThreshold() throws Exception {
            rule.feed(power(PRODUCTION, TWO_AM, FOUR, 19.9)).feed(power(TREATMENT, TWO_AM, FOUR, 0)).watermark(FOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTreatmentRunsExactlyAtItsIdleLevel() throws Exception {
            producing().feed(power(TREATMENT, TWO_AM, FOUR, 30)).watermark(FOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void aboutOffWhenTreatmentSitsExactlyAtItsRunningThreshold() throws Exception {
            producing().feed(power(TREATMENT, TWO_AM, FOUR, 10)).watermark(FOUR);

            assertThat(rule.signals()).extracting(Anomaly::severity).containsExactly(Severity.WARNING);
        }

        @Test
        void whenTheTreatmentReadingsAreFlaggedMaintenance() throws Exception {
            producing().feed(every(TREATMENT, TWO_AM, FOUR, t -> Reading.realTime(DYE, TREATMENT, POWER, t, 0, "M")))
                    .watermark(FOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenOneOfTwoTreatmentMetersRuns() throws Exception {
            rule.feed(twin(PRODUCTION, 120)).feed(twin(TREATMENT, 0)).feed(twin(TREATMENT_B, 60)).watermark(FOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheTreatmentMeterFallsSilentRatherThanReadingZero() throws Exception {
            producing().feed(power(TREATMENT, TWO_AM, TWO_AM + 5 * MINUTE, 0)).watermark(FOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void forOtherMetricsAndWaterMeters() throws Exception {
            producing().feed(every(TREATMENT, TWO_AM, FOUR, t -> reading(DYE, TREATMENT, "power.energy", t, 0)))
                    .feed(every(INTAKE, TWO_AM, FOUR, t -> reading(DYE, INTAKE, POWER, t, 0))).watermark(FOUR);

            assertThat(rule.signals()).isEmpty();
        }
    }

    @Nested
    class Clears {
        @Test
        void whenTreatmentRunsAgain() throws Exception {
            producing().feed(power(TREATMENT, TWO_AM, HALF_PAST, 0)).feed(power(TREATMENT, HALF_PAST, FOUR, 60))
                    .watermark(FOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at, Anomaly::severity).containsExactly(
                    tuple(true, QUARTER_PAST, Severity.MAJOR), tuple(false, HALF_PAST, Severity.MAJOR));
        }

        @Test
        void whenProductionStops() throws Exception {
            rule.feed(power(PRODUCTION, TWO_AM, HALF_PAST, 120)).feed(power(PRODUCTION, HALF_PAST, FOUR, 3))
                    .feed(power(TREATMENT, TWO_AM, FOUR, 0)).watermark(FOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at)
                    .containsExactly(tuple(true, QUARTER_PAST), tuple(false, HALF_PAST));
        }
    }

    @Nested
    class Cleanup {
        @Test
        void leavesNoStateOrTimersOnceClearAndQuiet() throws Exception {
            producing().feed(power(TREATMENT, TWO_AM, HALF_PAST, 0)).feed(power(TREATMENT, HALF_PAST, FOUR, 60))
                    .watermark(FOUR + 2 * HOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true, false);
            assertThat(rule.stateEntries()).isZero();
            assertThat(rule.timers()).isZero();
        }
    }

    static List<Reading> twin(String device, double kW) {
        return every(device, TWO_AM, FOUR, t -> reading(TWIN, device, POWER, t, kW));
    }

    static List<Reading> every(String device, long from, long to, java.util.function.LongFunction<Reading> at) {
        return Fixtures.every(MINUTE, from, to, at);
    }
}
