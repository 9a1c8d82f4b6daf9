package org.ecowatch.analytics.rules.flatline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.ecowatch.analytics.rules.Fixtures.*;

import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.RuleHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** COD's range is 0–1000 mg/L, so the default tolerance (0.1 %) is 1 mg/L. */
class FlatlineRuleTest {
    static final long FOUR_HOURS_ON = NINE + 4 * HOUR;
    final RuleHarness rule;

    FlatlineRuleTest() throws Exception {
        rule = new RuleHarness(new FlatlineRule(config()));
    }

    @AfterEach
    void close() throws Exception {
        rule.close();
    }

    /** COD every 30 s from 09:00 up to and including {@code last}, wobbling by {@code wobble} around 35. */
    void flatUntil(long last, double wobble) throws Exception {
        rule.feed(every(30_000, NINE, last + 1, t -> cod(t, 35 + ((t / 30_000) % 2 == 0 ? 0 : wobble))));
    }

    @Nested
    class Fires {
        @Test
        void whenAValueStaysWithinTheToleranceForFourHours() throws Exception {
            flatUntil(FOUR_HOURS_ON, 0.9);
            rule.watermark(FOUR_HOURS_ON);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("FLATLINE");
                assertThat(a.holds()).isTrue();
                assertThat(a.severity()).isEqualTo(Severity.MAJOR);
                assertThat(a.since()).isEqualTo(NINE);
                assertThat(a.at()).isEqualTo(FOUR_HOURS_ON);
                assertThat(a.windowMillis()).isEqualTo(4 * HOUR);
                assertThat(a.limit()).isEqualTo(1.0);
                assertThat(a.evidence()).hasSizeLessThanOrEqualTo(Anomaly.MAX_EVIDENCE).first()
                        .satisfies(e -> assertThat(e.ts()).isEqualTo(NINE));
            });
        }

        @Test
        void onceOnlyHoweverLongTheValueStaysFlat() throws Exception {
            flatUntil(NINE + 7 * HOUR, 0.5);
            rule.watermark(NINE + 7 * HOUR);

            assertThat(rule.signals()).hasSize(1);
        }
    }

    @Nested
    class StaysQuiet {
        @Test
        void whenTheFlatRunIsThirtySecondsShortOfFourHours() throws Exception {
            flatUntil(FOUR_HOURS_ON - 30_000, 0.9);
            rule.watermark(FOUR_HOURS_ON);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheValueVariesJustMoreThanTheTolerance() throws Exception {
            flatUntil(NINE + 5 * HOUR, 1.1);
            rule.watermark(NINE + 5 * HOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheConstantValuesAreFlaggedMaintenance() throws Exception {
            rule.feed(every(30_000, NINE, NINE + 5 * HOUR, t -> cod(t, 35, "M"))).watermark(NINE + 5 * HOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheValueIsFlatAtZero() throws Exception {
            rule.feed(every(30_000, NINE, NINE + 5 * HOUR, t -> cod(t, 0))).watermark(NINE + 5 * HOUR);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void whenTheReadingsStopForAnHourInTheMiddle() throws Exception {
            rule.feed(every(30_000, NINE, NINE + 2 * HOUR, t -> cod(t, 35)))
                    .feed(every(30_000, NINE + 3 * HOUR + MINUTE, NINE + 5 * HOUR, t -> cod(t, 35)))
                    .watermark(NINE + 5 * HOUR);

            assertThat(rule.signals()).isEmpty();
        }
    }

    @Nested
    class Clears {
        @Test
        void atTheFirstNormalValueOutsideTheTolerance() throws Exception {
            flatUntil(FOUR_HOURS_ON, 0.5);
            long later = FOUR_HOURS_ON + 30_000;
            rule.feed(cod(later, 40)).watermark(later);

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at)
                    .containsExactly(tuple(true, FOUR_HOURS_ON), tuple(false, later));
        }

        @Test
        void notOnAFlaggedReadingInTheMiddleOfTheRun() throws Exception {
            flatUntil(FOUR_HOURS_ON, 0.5);
            rule.feed(cod(FOUR_HOURS_ON + 30_000, 80, "M"), cod(FOUR_HOURS_ON + MINUTE, 35)).watermark(FOUR_HOURS_ON + MINUTE);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true);
        }
    }

    @Nested
    class Cleanup {
        @Test
        void leavesNoStateOrTimersOnceClearAndQuiet() throws Exception {
            flatUntil(FOUR_HOURS_ON, 0.5);
            rule.feed(cod(FOUR_HOURS_ON + 30_000, 40)).watermark(FOUR_HOURS_ON + 3 * HOUR);

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true, false);
            assertThat(rule.stateEntries()).isZero();
            assertThat(rule.timers()).isZero();
        }

        @Test
        void keepsOnlyTheHoldingMarkerWhenTheFlatDeviceFallsSilent() throws Exception {
            flatUntil(FOUR_HOURS_ON, 0.5);
            rule.watermark(FOUR_HOURS_ON + 3 * HOUR);

            assertThat(rule.stateEntries()).isEqualTo(1);
            assertThat(rule.timers()).isZero();
        }
    }
}
