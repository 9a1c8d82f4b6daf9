package org.ecowatch.analytics.rules.waterbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
 * The dye works' water meters report every 5 minutes; its production meter runs at ≥ 20 kW. A day is 2026-11-27,
 * local midnight to midnight (China time). Counter readings from 00:00 to 23:55 measure 23 h 55 min of flow.
 */
class WaterBalanceRuleTest {
    static final long STEP = 5 * MINUTE, NEXT_MIDNIGHT = MIDNIGHT + DAY;
    static final double MEASURED_HOURS = 23 + 55 / 60.0;
    final RuleHarness rule;

    WaterBalanceRuleTest() throws Exception {
        rule = new RuleHarness(new WaterBalanceRule(config()), ReadingKeys.byEnterprise());
    }

    @AfterEach
    void close() throws Exception {
        rule.close();
    }

    /** A cumulative counter every 5 minutes in [from, to), starting at {@code start} m3 and rising {@code perHour}. */
    static List<Reading> counter(String enterprise, String device, long from, long to, double start, double perHour) {
        return Fixtures.every(STEP, from, to, t -> reading(enterprise, device, VOLUME, t, start + perHour * (t - from) / HOUR));
    }

    static List<Reading> flow(String device, long from, long to, double perHour) {
        return Fixtures.every(STEP, from, to, t -> reading(DYE, device, FLOW, t, perHour));
    }

    static List<Reading> production(long from, long to, double kW) {
        return Fixtures.every(10 * MINUTE, from, to, t -> reading(DYE, PRODUCTION, POWER, t, kW));
    }

    /** One day of the dye works: production at {@code kW}, intake 100 m3/h, discharge {@code outPerHour}. */
    RuleHarness day(long midnight, double kW, double outPerHour) throws Exception {
        return rule.feed(production(midnight, midnight + DAY, kW))
                .feed(counter(DYE, INTAKE, midnight, midnight + DAY, 1000 + (midnight - MIDNIGHT) / HOUR * 100.0, 100))
                .feed(counter(DYE, DISCHARGE, midnight, midnight + DAY, 500 + (midnight - MIDNIGHT) / HOUR * outPerHour,
                        outPerHour));
    }

    @Nested
    class DailyBalance {
        @Test
        void firesWhenLessThanHalfTheIntakeIsDischargedOnAProductionDay() throws Exception {
            day(MIDNIGHT, 120, 40).watermark(NEXT_MIDNIGHT);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("WATER_BALANCE");
                assertThat(a.enterpriseId()).isEqualTo(DYE);
                assertThat(a.deviceId()).isEqualTo(DISCHARGE);
                assertThat(a.metric()).isEqualTo(VOLUME);
                assertThat(a.holds()).isTrue();
                assertThat(a.severity()).isEqualTo(Severity.MAJOR);
                assertThat(a.since()).isEqualTo(MIDNIGHT);
                assertThat(a.at()).isEqualTo(NEXT_MIDNIGHT);
                assertThat(a.windowMillis()).isEqualTo(DAY);
                assertThat(a.observed()).isCloseTo(40 * MEASURED_HOURS, within(1e-6));
                assertThat(a.limit()).isCloseTo(0.5 * 100 * MEASURED_HOURS, within(1e-6));
                assertThat(a.evidence()).extracting(Evidence::deviceId).contains(INTAKE, DISCHARGE, PRODUCTION);
                assertThat(a.message()).contains("40 %");
            });
        }

        @Test
        void assumesProductionRanWhenTheEnterpriseHasNoProductionMeter() throws Exception {
            rule.feed(counter(WASH, INTAKE, MIDNIGHT, NEXT_MIDNIGHT, 0, 100))
                    .feed(counter(WASH, DISCHARGE, MIDNIGHT, NEXT_MIDNIGHT, 0, 10)).watermark(NEXT_MIDNIGHT);

            assertThat(rule.signals()).extracting(Anomaly::enterpriseId, Anomaly::holds).containsExactly(tuple(WASH, true));
        }

        @Test
        void staysQuietWhenJustOverHalfIsDischarged() throws Exception {
            day(MIDNIGHT, 120, 51).watermark(NEXT_MIDNIGHT);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void staysQuietWhenProductionNeverReachedItsRunningThreshold() throws Exception {
            day(MIDNIGHT, 19.9, 10).watermark(NEXT_MIDNIGHT);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void staysQuietWhenTheIntakeReadingsAreFlaggedMaintenance() throws Exception {
            rule.feed(production(MIDNIGHT, NEXT_MIDNIGHT, 120))
                    .feed(Fixtures.every(STEP, MIDNIGHT, NEXT_MIDNIGHT,
                            t -> Reading.realTime(DYE, INTAKE, VOLUME, t, 1000 + 100.0 * (t - MIDNIGHT) / HOUR, "M")))
                    .feed(counter(DYE, DISCHARGE, MIDNIGHT, NEXT_MIDNIGHT, 500, 10)).watermark(NEXT_MIDNIGHT);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void takesACounterThatGoesDownForAResetNotForNegativeDischarge() throws Exception {
            long noon = MIDNIGHT + 12 * HOUR;
            rule.feed(production(MIDNIGHT, NEXT_MIDNIGHT, 120))
                    .feed(counter(DYE, INTAKE, MIDNIGHT, NEXT_MIDNIGHT, 1000, 100))
                    .feed(counter(DYE, DISCHARGE, MIDNIGHT, noon, 99_000, 60))
                    .feed(counter(DYE, DISCHARGE, noon, NEXT_MIDNIGHT, 0, 60)).watermark(NEXT_MIDNIGHT);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void clearsAtTheEndOfTheNextBalancedDay() throws Exception {
            day(MIDNIGHT, 120, 40).watermark(NEXT_MIDNIGHT);
            day(NEXT_MIDNIGHT, 120, 90).watermark(NEXT_MIDNIGHT + DAY);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::since, Anomaly::at).containsExactly(
                    tuple(true, MIDNIGHT, NEXT_MIDNIGHT), tuple(false, NEXT_MIDNIGHT, NEXT_MIDNIGHT + DAY));
        }
    }

    @Nested
    class ZeroDischarge {
        static final long FIVE_AM = TWO_AM + 3 * HOUR;

        @Test
        void firesWhenNothingIsDischargedForTwoHoursWhileWaterFlowsIn() throws Exception {
            rule.feed(flow(INTAKE, TWO_AM, FIVE_AM, 80)).feed(flow(DISCHARGE, TWO_AM, FIVE_AM, 0)).watermark(FIVE_AM);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.metric()).isEqualTo(FLOW);
                assertThat(a.deviceId()).isEqualTo(DISCHARGE);
                assertThat(a.severity()).isEqualTo(Severity.MAJOR);
                assertThat(a.since()).isEqualTo(TWO_AM);
                assertThat(a.at()).isEqualTo(TWO_AM + 2 * HOUR);
                assertThat(a.observed()).isEqualTo(120.0);
                assertThat(a.limit()).isEqualTo(120.0);
                assertThat(a.evidence()).extracting(Evidence::deviceId).contains(INTAKE, DISCHARGE);
            });
        }

        @Test
        void staysQuietWhenDischargeResumesFiveMinutesShortOfTwoHours() throws Exception {
            long resumes = TWO_AM + 2 * HOUR - STEP;
            rule.feed(flow(INTAKE, TWO_AM, FIVE_AM, 80)).feed(flow(DISCHARGE, TWO_AM, resumes, 0))
                    .feed(flow(DISCHARGE, resumes, FIVE_AM, 0.1)).watermark(FIVE_AM);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void staysQuietWhenNoWaterFlowsInEither() throws Exception {
            rule.feed(flow(INTAKE, TWO_AM, FIVE_AM, 0)).feed(flow(DISCHARGE, TWO_AM, FIVE_AM, 0)).watermark(FIVE_AM);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void staysQuietWhenTheDischargeMeterFallsSilentRatherThanReadingZero() throws Exception {
            rule.feed(flow(INTAKE, TWO_AM, FIVE_AM, 80)).feed(flow(DISCHARGE, TWO_AM, TWO_AM + 10 * MINUTE, 0))
                    .watermark(FIVE_AM);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void clearsWhenWaterIsDischargedAgain() throws Exception {
            long resumes = TWO_AM + 150 * MINUTE;
            rule.feed(flow(INTAKE, TWO_AM, FIVE_AM, 80)).feed(flow(DISCHARGE, TWO_AM, resumes, 0))
                    .feed(flow(DISCHARGE, resumes, FIVE_AM, 60)).watermark(FIVE_AM);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at)
                    .containsExactly(tuple(true, TWO_AM + 2 * HOUR), tuple(false, resumes));
        }
    }

    @Nested
    class Cleanup {
        @Test
        void leavesNoStateOrTimersOnceABalancedDayIsJudgedAndTheMetersAreQuiet() throws Exception {
            day(MIDNIGHT, 120, 90).feed(flow(INTAKE, TWO_AM, TWO_AM + HOUR, 80)).feed(flow(DISCHARGE, TWO_AM, TWO_AM + HOUR, 70))
                    .watermark(NEXT_MIDNIGHT + 2 * DAY);

            assertThat(rule.signals()).isEmpty();
            assertThat(rule.stateEntries()).isZero();
            assertThat(rule.timers()).isZero();
        }
    }
}
