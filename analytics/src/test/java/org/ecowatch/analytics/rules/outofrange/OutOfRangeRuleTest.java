package org.ecowatch.analytics.rules.outofrange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.ecowatch.analytics.rules.Fixtures.*;

import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.RuleHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** COD's instrument range is 0–1000 mg/L. */
class OutOfRangeRuleTest {
    static final long QUARTER_PAST = NINE + 15 * MINUTE;
    final RuleHarness rule;

    OutOfRangeRuleTest() throws Exception {
        rule = new RuleHarness(new OutOfRangeRule(config()));
    }

    @AfterEach
    void close() throws Exception {
        rule.close();
    }

    @Nested
    class Fires {
        @Test
        void whenValuesStayAboveTheRangeForFifteenMinutes() throws Exception {
            rule.feed(every(30_000, NINE, QUARTER_PAST + 1, t -> cod(t, 1200))).watermark(QUARTER_PAST);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("OUT_OF_RANGE");
                assertThat(a.holds()).isTrue();
                assertThat(a.severity()).isEqualTo(Severity.WARNING);
                assertThat(a.since()).isEqualTo(NINE);
                assertThat(a.at()).isEqualTo(QUARTER_PAST);
                assertThat(a.observed()).isEqualTo(1200.0);
                assertThat(a.limit()).isEqualTo(1000.0);
            });
        }

        @Test
        void whenTheEquipmentFlagsOverRangeForFifteenMinutes() throws Exception {
            rule.feed(every(30_000, NINE, QUARTER_PAST + 1, t -> cod(t, 999, "T"))).watermark(QUARTER_PAST);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true);
        }
    }

    @Nested
    class StaysQuiet {
        @Test
        void whenTheRunIsThirtySecondsShort() throws Exception {
            rule.feed(every(30_000, NINE, QUARTER_PAST, t -> cod(t, 1200))).watermark(QUARTER_PAST);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheValueSitsExactlyAtTheTopOfTheRange() throws Exception {
            rule.feed(every(30_000, NINE, NINE + HOUR, t -> cod(t, 1000))).watermark(NINE + HOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheHighValuesAreFlaggedMaintenance() throws Exception {
            rule.feed(every(30_000, NINE, NINE + HOUR, t -> cod(t, 1200, "M"))).watermark(NINE + HOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenOneValueInsideTheRangeBreaksTheRun() throws Exception {
            rule.feed(every(30_000, NINE, QUARTER_PAST + 1, t -> cod(t, t == NINE + 10 * MINUTE ? 900 : 1200)))
                    .watermark(QUARTER_PAST);

            assertThat(rule.signals()).isEmpty();
        }
    }

    @Nested
    class Clears {
        @Test
        void atTheFirstNormalValueBackWithinTheRange() throws Exception {
            long back = QUARTER_PAST + MINUTE;
            rule.feed(every(30_000, NINE, QUARTER_PAST + 1, t -> cod(t, 1200))).feed(cod(back, 800)).watermark(back);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at)
                    .containsExactly(tuple(true, QUARTER_PAST), tuple(false, back));
        }
    }

    @Nested
    class Cleanup {
        @Test
        void leavesNoStateOrTimersOnceClearAndQuiet() throws Exception {
            rule.feed(every(30_000, NINE, QUARTER_PAST + 1, t -> cod(t, 1200))).feed(cod(QUARTER_PAST + MINUTE, 800))
                    .watermark(NINE + 3 * HOUR);

            assertThat(rule.stateEntries()).isZero();
            assertThat(rule.timers()).isZero();
        }
    }
}
