package org.ecowatch.analytics.rules.instrumentflag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.ecowatch.analytics.rules.Fixtures.*;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.RuleHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The outlet's COD analyser reports every 30 s; the mill is in China (UTC+8), so its day ends at 16:00 UTC. */
class InstrumentFlagRuleTest {
    static final long DAY = 24 * HOUR;
    /** 2026-11-27 21:00 China time, three hours before the local midnight. */
    static final long NINE_PM = NINE + 12 * HOUR;
    final RuleHarness rule;

    InstrumentFlagRuleTest() throws Exception {
        rule = new RuleHarness(new InstrumentFlagRule(config()));
    }

    @AfterEach
    void close() throws Exception {
        rule.close();
    }

    /** COD flagged {@code flag} every 30 s in [from, to]. */
    void flagged(long from, long to, String flag) throws Exception {
        rule.feed(every(30_000, from, to + 1, t -> cod(t, 35, flag)));
    }

    @Nested
    class Fires {
        @Test
        void aFaultWhenReadingsAreFlaggedDForAnHour() throws Exception {
            flagged(NINE, TEN, "D");
            rule.watermark(TEN);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("INSTRUMENT_FLAG");
                assertThat(a.metric()).isEqualTo(COD);
                assertThat(a.holds()).isTrue();
                assertThat(a.severity()).isEqualTo(Severity.WARNING);
                assertThat(a.since()).isEqualTo(NINE);
                assertThat(a.at()).isEqualTo(TEN);
                assertThat(a.observed()).isEqualTo(60.0);
                assertThat(a.limit()).isEqualTo(60.0);
                assertThat(a.windowMillis()).isEqualTo(HOUR);
                assertThat(a.message()).contains("D (fault)").contains("equipment fault");
                assertThat(a.evidence()).hasSizeLessThanOrEqualTo(Anomaly.MAX_EVIDENCE).allMatch(e -> e.flag().equals("D"));
            });
        }

        @Test
        void aFaultThatNamesEveryFaultFlagOfTheRun() throws Exception {
            flagged(NINE, NINE + 20 * MINUTE, "D");
            flagged(NINE + 20 * MINUTE + 30_000, TEN, "B");
            rule.watermark(TEN);

            assertThat(rule.signals()).singleElement().satisfies(a -> assertThat(a.message())
                    .contains("D (fault), B (communication error)"));
        }

        @Test
        void maintenanceAbuseWhenMaintenanceAndCalibrationCoverMoreThanFourHoursOfADay() throws Exception {
            flagged(NINE, ELEVEN - 30_000, "M");
            flagged(ELEVEN, NOON - 30_000, "C");
            rule.feed(codBetween(NOON, NOON + HOUR, 35));
            flagged(NOON + HOUR, NOON + 2 * HOUR, "M");
            rule.watermark(NOON + 2 * HOUR);

            // 2 h + 1 h, then 1 h and 30 s in the afternoon: 4 h 00 min 30 s of one local day
            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.WARNING);
                assertThat(a.since()).isEqualTo(NINE);
                assertThat(a.at()).isEqualTo(NOON + 2 * HOUR);
                assertThat(a.windowMillis()).isEqualTo(4 * HOUR + 30_000);
                assertThat(a.limit()).isEqualTo(240.0);
                assertThat(a.message()).contains("maintenance abuse").contains("2026-11-27");
            });
        }

        @Test
        void majorAtOnceOnAManuallySetValue() throws Exception {
            rule.feed(codBetween(NINE, TEN, 35)).feed(cod(TEN, 42.0, "S")).watermark(TEN);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.MAJOR);
                assertThat(a.since()).isEqualTo(TEN);
                assertThat(a.at()).isEqualTo(TEN);
                assertThat(a.observed()).isEqualTo(42.0);
                assertThat(a.limit()).isNull();
                assertThat(a.message()).contains("flag S");
            });
        }

        @Test
        void anEscalationWhenAManualValueFollowsAFaultAndNoDowngradeAfterIt() throws Exception {
            flagged(NINE, TEN, "D");
            rule.feed(cod(TEN + 30_000, 35, "S"));
            flagged(TEN + MINUTE, ELEVEN + MINUTE, "D");
            rule.feed(cod(ELEVEN + 2 * MINUTE, 35)).watermark(NOON);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::severity, Anomaly::since, Anomaly::at)
                    .containsExactly(tuple(true, Severity.WARNING, NINE, TEN),
                            tuple(true, Severity.MAJOR, NINE, TEN + 30_000),
                            tuple(false, Severity.MAJOR, ELEVEN + 2 * MINUTE, ELEVEN + 2 * MINUTE));
        }
    }

    @Nested
    class StaysQuiet {
        @Test
        void whenTheFaultLastsThirtySecondsLessThanAnHour() throws Exception {
            flagged(NINE, TEN - 30_000, "D");
            rule.watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenAValidReadingBreaksTheFaultRun() throws Exception {
            flagged(NINE, NINE + 40 * MINUTE, "F");
            rule.feed(cod(NINE + 40 * MINUTE + 30_000, 35));
            flagged(NINE + 41 * MINUTE, NINE + 80 * MINUTE, "F");
            rule.watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenMaintenanceCoversExactlyFourHoursOfTheDay() throws Exception {
            flagged(NINE, NINE + 4 * HOUR - 30_000, "M");
            rule.feed(codBetween(NINE + 4 * HOUR, NINE + 5 * HOUR, 35)).watermark(NINE + 5 * HOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenSixHoursOfMaintenanceAreSplitByTheLocalMidnight() throws Exception {
            // 21:00–03:00 China time: 3 h on each local day, though all within one UTC day
            flagged(NINE_PM, NINE_PM + 6 * HOUR - 30_000, "M");
            rule.watermark(NINE_PM + 7 * HOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenEveryReadingIsValid() throws Exception {
            rule.feed(codBetween(NINE, NOON, 35)).feed(cod(NOON, 1200, "T")).watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }
    }

    @Nested
    class Clears {
        @Test
        void atTheFirstValidReadingAfterAFault() throws Exception {
            flagged(NINE, TEN, "D");
            rule.feed(cod(TEN + 30_000, 35)).watermark(TEN + 30_000);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at)
                    .containsExactly(tuple(true, TEN), tuple(false, TEN + 30_000));
            assertThat(rule.signals().get(1).message()).contains("valid data again");
        }

        @Test
        void notWhenAFaultTurnsIntoMaintenance() throws Exception {
            flagged(NINE, TEN, "D");
            flagged(TEN + 30_000, ELEVEN, "M");
            rule.watermark(ELEVEN);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true);
        }

        @Test
        void andReportsAnAbusedDayOnlyOnce() throws Exception {
            flagged(NINE, NINE + 4 * HOUR, "M");
            rule.feed(codBetween(NINE + 4 * HOUR + 30_000, NINE + 5 * HOUR, 35));
            flagged(NINE + 5 * HOUR, NINE + 6 * HOUR, "C");
            rule.watermark(NINE + 6 * HOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true, false);
        }
    }

    @Nested
    class Cleanup {
        @Test
        void leavesNoStateOrTimersOnceClearAndQuiet() throws Exception {
            flagged(NINE, TEN, "D");
            rule.feed(cod(TEN + 30_000, 35)).watermark(TEN + 2 * DAY);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true, false);
            assertThat(rule.stateEntries()).isZero();
            assertThat(rule.timers()).isZero();
        }

        @Test
        void keepsOnlyTheHoldingMarkerWhenTheFaultyAnalyserFallsSilent() throws Exception {
            flagged(NINE, TEN, "D");
            rule.watermark(TEN + 2 * DAY);

            assertThat(rule.stateEntries()).isEqualTo(1);
            assertThat(rule.timers()).isZero();
        }

        @Test
        void keepsTheDaysMaintenanceTimeAcrossHoursOfSilence() throws Exception {
            flagged(NINE, NINE + 3 * HOUR - 30_000, "M");
            flagged(NINE + 5 * HOUR, NINE + 6 * HOUR, "M");
            rule.watermark(NINE + 7 * HOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at)
                    .containsExactly(tuple(true, NINE + 6 * HOUR));
        }
    }

    @Test
    void keepsItsStateWithoutAGenericSerializer() {
        for (Class<?> type : new Class<?>[] {FaultRun.class, MaintenanceDay.class}) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                assertThat(pojo.getTypeAt(i)).as(pojo.getPojoFieldAt(i).getField().getName()).isNotInstanceOf(GenericTypeInfo.class);
            }
        }
    }
}
