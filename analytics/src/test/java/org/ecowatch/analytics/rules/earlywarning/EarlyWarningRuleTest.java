package org.ecowatch.analytics.rules.earlywarning;

import java.time.Duration;
import java.util.Map;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.reading.Reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.ecowatch.analytics.rules.Fixtures.*;

import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.RuleHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** COD limit 100 mg/L: the warning level is 80, and a warning clears at or below 72. Readings every 30 s. */
class EarlyWarningRuleTest {
    /** 23 readings every 30 s cover 11.5 minutes, the first time a 15-minute window is 75 % covered. */
    static final long FIRST_COVERED = NINE + 11 * MINUTE;
    final RuleHarness rule;

    EarlyWarningRuleTest() throws Exception {
        rule = new RuleHarness(new EarlyWarningRule(config()));
    }

    @AfterEach
    void close() throws Exception {
        rule.close();
    }

    @Nested
    class Fires {
        @Test
        void whenTheFifteenMinuteAverageIsAboveEightyPercentOfTheLimit() throws Exception {
            rule.feed(codBetween(NINE, NINE + 15 * MINUTE, 85)).watermark(NINE + 15 * MINUTE);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("EARLY_WARNING");
                assertThat(a.holds()).isTrue();
                assertThat(a.severity()).isEqualTo(Severity.WARNING);
                assertThat(a.at()).isEqualTo(FIRST_COVERED);
                assertThat(a.since()).isEqualTo(NINE);
                assertThat(a.observed()).isEqualTo(85.0);
                assertThat(a.limit()).isEqualTo(80.0);
                assertThat(a.evidence()).hasSizeLessThanOrEqualTo(Anomaly.MAX_EVIDENCE);
            });
        }
    }

    @Nested
    class StaysQuiet {
        @Test
        void whenTheAverageIsExactlyEightyPercent() throws Exception {
            rule.feed(codBetween(NINE, NINE + HOUR, 80)).watermark(NINE + HOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheHighValuesAreFlaggedMaintenance() throws Exception {
            rule.feed(every(30_000, NINE, NINE + HOUR, t -> cod(t, 95, "M"))).watermark(NINE + HOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void forPhWhoseLimitIsTheTopOfABandNotAnAmountOfPollutant() throws Exception {
            Thresholds withPh = new Thresholds(Map.of("w01001", new MetricLimits("pH", 9.0, Duration.ofHours(1), 0.0, 14.0)),
                    Map.of(), Map.of(), Map.of(), Map.of());
            try (RuleHarness ph = new RuleHarness(new EarlyWarningRule(new DetectionConfig(registry(), withPh, RuleParameters.defaults(), CST)))) {
                ph.feed(every(30_000, NINE, NINE + HOUR, t -> Reading.realTime(MILL, OUTLET, "w01001", t, 7.6, "N"))).watermark(NINE + HOUR);

                assertThat(ph.signals()).isEmpty();
            }
        }

        @Test
        void whenTheHighValuesCoverTooLittleOfTheWindow() throws Exception {
            rule.feed(codBetween(NINE, FIRST_COVERED, 95)).watermark(NINE + HOUR);

            assertThat(rule.signals()).isEmpty();
        }
    }

    @Nested
    class Hysteresis {
        @Test
        void holdsWhileTheAverageStaysAboveNinetyPercentOfTheLevelAndClearsBelow() throws Exception {
            rule.feed(codBetween(NINE, NINE + 15 * MINUTE, 85))
                    .feed(codBetween(NINE + 15 * MINUTE, NINE + 30 * MINUTE, 75))
                    .feed(codBetween(NINE + 30 * MINUTE, NINE + 45 * MINUTE, 70))
                    .watermark(NINE + HOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true, false);
            Anomaly clear = rule.signals().get(1);
            assertThat(clear.observed()).isLessThanOrEqualTo(72.0);
            assertThat(clear.at()).isBetween(NINE + 30 * MINUTE, NINE + 45 * MINUTE);
        }
    }

    @Nested
    class Cleanup {
        @Test
        void leavesNoStateOrTimersOnceClearAndQuiet() throws Exception {
            rule.feed(codBetween(NINE, NINE + 15 * MINUTE, 85)).feed(codBetween(NINE + 15 * MINUTE, NINE + 45 * MINUTE, 50))
                    .watermark(NINE + 2 * HOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::severity)
                    .containsExactly(tuple(true, Severity.WARNING), tuple(false, Severity.WARNING));
            assertThat(rule.stateEntries()).isZero();
            assertThat(rule.timers()).isZero();
        }
    }
}
