package org.ecowatch.analytics.rules.zerovalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.ecowatch.analytics.rules.Fixtures.*;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.ReadingKeys;
import org.ecowatch.analytics.rules.RuleHarness;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The outlet reports COD and its flow every 30 s, so the OFFLINE silence (3 × 30 s, at least 10 minutes) is 10
 * minutes. The rule is keyed by device, as the job keys it.
 */
class ZeroValueRuleTest {
    static final String O2 = "a19001", STACK_FLOW = "a00000";
    final RuleHarness rule;

    ZeroValueRuleTest() throws Exception {
        rule = new RuleHarness(new ZeroValueRule(configWithOxygen()), ReadingKeys.byDevice());
    }

    /** The fixtures' thresholds plus O2, which has a range but no limit (it is not a pollutant). */
    static DetectionConfig configWithOxygen() {
        Thresholds base = thresholds();
        Map<String, MetricLimits> metrics = new HashMap<>(base.metrics());
        metrics.put(O2, new MetricLimits("%", null, null, 0.0, 25.0));
        Thresholds withOxygen = new Thresholds(metrics, Map.of(), Map.of(), Map.of(), Map.of());
        return new DetectionConfig(registry(), withOxygen, RuleParameters.defaults(), CST);
    }

    @AfterEach
    void close() throws Exception {
        rule.close();
    }

    static Reading flow(long ts, double value) {
        return Reading.realTime(MILL, OUTLET, FLOW, ts, value, "N");
    }

    /** COD at {@code cod} (flag {@code flag}) and the flow at {@code flow}, both every 30 s in [from, to]. */
    void outlet(long from, long to, double cod, String flag, double flow) throws Exception {
        rule.feed(every(30_000, from, to + 1, t -> flow(t, flow)));
        rule.feed(every(30_000, from, to + 1, t -> cod(t, cod, flag)));
    }

    void zeroWhileFlowing(long from, long to) throws Exception {
        outlet(from, to, 0, "N", 12.5);
    }

    @Nested
    class Fires {
        @Test
        void whenCodReadsZeroForAnHourWhileTheOutletFlows() throws Exception {
            zeroWhileFlowing(NINE, TEN);
            rule.watermark(TEN);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("ZERO_VALUE");
                assertThat(a.metric()).isEqualTo(COD);
                assertThat(a.holds()).isTrue();
                assertThat(a.severity()).isEqualTo(Severity.MAJOR);
                assertThat(a.since()).isEqualTo(NINE);
                assertThat(a.at()).isEqualTo(TEN);
                assertThat(a.windowMillis()).isEqualTo(HOUR);
                assertThat(a.observed()).isEqualTo(0.0);
                assertThat(a.limit()).isEqualTo(0.0);
                assertThat(a.message()).contains("w01018").contains("60 minutes").contains("w00000 12.5");
                assertThat(a.evidence()).hasSizeLessThanOrEqualTo(Anomaly.MAX_EVIDENCE)
                        .anySatisfy(e -> assertThat(e.metric()).isEqualTo(FLOW))
                        .anySatisfy(e -> assertThat(e.metric()).isEqualTo(COD))
                        .first().satisfies(e -> assertThat(e.ts()).isEqualTo(NINE));
            });
        }

        @Test
        void whenTheValuesAreNegative() throws Exception {
            outlet(NINE, TEN, -0.4, "N", 12.5);
            rule.watermark(TEN);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::observed).containsExactly(tuple(true, -0.4));
        }

        @Test
        void onceOnlyHoweverLongTheZerosLast() throws Exception {
            zeroWhileFlowing(NINE, NOON);
            rule.watermark(NOON);

            assertThat(rule.signals()).hasSize(1);
        }

        @Test
        void forAFlueGasConcentrationAgainstTheStacksOwnFlow() throws Exception {
            rule.feed(every(MINUTE, NINE, TEN + 1, t -> Reading.realTime(MILL, STACK, STACK_FLOW, t, 80_000, "N")))
                    .feed(every(MINUTE, NINE, TEN + 1, t -> nox(t, 0)))
                    .watermark(TEN);

            assertThat(rule.signals()).extracting(Anomaly::deviceId, Anomaly::metric, Anomaly::at)
                    .containsExactly(tuple(STACK, NOX, TEN));
        }

        @Test
        void laterWhenAFewFlaggedReadingsPauseTheRunWithoutEndingIt() throws Exception {
            long pauseFrom = NINE + 30 * MINUTE, pauseTo = NINE + 35 * MINUTE;
            zeroWhileFlowing(NINE, pauseFrom);
            outlet(pauseFrom + 30_000, pauseTo, 0, "M", 12.5);
            zeroWhileFlowing(pauseTo + 30_000, NOON);
            rule.watermark(NOON);

            // 30 minutes before the pause, 30 more after its first reading at 09:35:30
            assertThat(rule.signals()).extracting(Anomaly::since, Anomaly::at)
                    .containsExactly(tuple(NINE, NINE + 65 * MINUTE + 30_000));
        }
    }

    @Nested
    class StaysQuiet {
        @Test
        void whenTheZerosLastThirtySecondsLessThanAnHour() throws Exception {
            zeroWhileFlowing(NINE, TEN - 30_000);
            rule.watermark(TEN);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheConcentrationIsJustAboveZero() throws Exception {
            outlet(NINE, NOON, 0.01, "N", 12.5);
            rule.watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheOutletDoesNotFlow() throws Exception {
            outlet(NINE, NOON, 0, "N", 0);
            rule.watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheZerosAreFlaggedMaintenance() throws Exception {
            outlet(NINE, NOON, 0, "M", 12.5);
            rule.watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheDeviceReportsNoFlow() throws Exception {
            rule.feed(every(30_000, NINE, NOON, t -> cod(t, 0))).watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheLastFlowReadingIsOlderThanTheOfflineSilence() throws Exception {
            rule.feed(flow(NINE, 12.5)).feed(every(30_000, NINE, NOON, t -> cod(t, 0))).watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheFlowMeterIsFlaggedFaulty() throws Exception {
            rule.feed(every(30_000, NINE, NOON, t -> Reading.realTime(MILL, OUTLET, FLOW, t, 12.5, "D")))
                    .feed(every(30_000, NINE, NOON, t -> cod(t, 0)))
                    .watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void forAMetricWithoutALimitSuchAsOxygen() throws Exception {
            rule.feed(every(MINUTE, NINE, NOON, t -> Reading.realTime(MILL, STACK, STACK_FLOW, t, 80_000, "N")))
                    .feed(every(MINUTE, NINE, NOON, t -> Reading.realTime(MILL, STACK, O2, t, 0, "N")))
                    .watermark(NOON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheZerosSpanAnHourOnlyThanksToASilenceInBetween() throws Exception {
            zeroWhileFlowing(NINE, NINE + 40 * MINUTE);
            zeroWhileFlowing(TEN + 10 * MINUTE, TEN + 25 * MINUTE);
            rule.watermark(NOON);

            // 40 + 15 counted minutes: the 30-minute silence counts for nothing
            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenASilenceLongerThanAnHourEndsTheFirstRun() throws Exception {
            zeroWhileFlowing(NINE, NINE + 40 * MINUTE);
            zeroWhileFlowing(TEN + 50 * MINUTE, ELEVEN + 35 * MINUTE);
            rule.watermark(NOON);

            // 40 + 45 minutes, but the 70-minute silence ended the first run
            assertThat(rule.signals()).isEmpty();
        }
    }

    @Nested
    class Clears {
        @Test
        void atTheFirstValidReadingAboveZero() throws Exception {
            zeroWhileFlowing(NINE, TEN);
            long later = TEN + 30_000;
            rule.feed(flow(later, 12.5), cod(later, 35)).watermark(later);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at, Anomaly::severity)
                    .containsExactly(tuple(true, TEN, Severity.MAJOR), tuple(false, later, Severity.MAJOR));
        }

        @Test
        void whenTheOutletStopsFlowing() throws Exception {
            zeroWhileFlowing(NINE, TEN);
            long later = TEN + 30_000;
            rule.feed(flow(later, 0), cod(later, 0)).watermark(later);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true, false);
            assertThat(rule.signals().get(1).message()).contains("stopped");
        }

        @Test
        void notOnAFlaggedReadingAboveZero() throws Exception {
            zeroWhileFlowing(NINE, TEN);
            rule.feed(flow(TEN + 30_000, 12.5), cod(TEN + 30_000, 50, "C")).watermark(TEN + 30_000);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true);
        }
    }

    @Nested
    class Cleanup {
        @Test
        void leavesNoStateOrTimersOnceClearAndQuiet() throws Exception {
            zeroWhileFlowing(NINE, TEN);
            rule.feed(flow(TEN + 30_000, 12.5), cod(TEN + 30_000, 35)).watermark(TEN + 3 * HOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true, false);
            assertThat(rule.stateEntries()).isZero();
            assertThat(rule.timers()).isZero();
        }

        @Test
        void keepsOnlyTheHoldingMarkerWhenTheDeviceFallsSilent() throws Exception {
            zeroWhileFlowing(NINE, TEN);
            rule.watermark(TEN + 3 * HOUR);

            assertThat(rule.stateEntries()).isEqualTo(1);
            assertThat(rule.timers()).isZero();
        }

        @Test
        void dropsTheRunOfAMetricThatStopsReportingWhileTheFlowGoesOn() throws Exception {
            zeroWhileFlowing(NINE, NINE + 30 * MINUTE);
            rule.feed(every(30_000, NINE + 30 * MINUTE + 30_000, NOON, t -> flow(t, 12.5))).watermark(NOON);

            try (RuleHarness flowOnly = new RuleHarness(new ZeroValueRule(configWithOxygen()), ReadingKeys.byDevice())) {
                flowOnly.feed(every(30_000, NINE, NOON, t -> flow(t, 12.5))).watermark(NOON);
                assertThat(rule.stateEntries()).isEqualTo(flowOnly.stateEntries());
            }
        }
    }

    @Test
    void keepsItsRunInStateWithoutAGenericSerializer() {
        TypeInformation<ZeroRun> type = TypeInformation.of(ZeroRun.class);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<ZeroRun> pojo = (PojoTypeInfo<ZeroRun>) type;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getTypeAt(i)).as(pojo.getPojoFieldAt(i).getField().getName()).isNotInstanceOf(GenericTypeInfo.class);
        }
    }
}
