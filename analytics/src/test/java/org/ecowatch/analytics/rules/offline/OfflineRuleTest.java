package org.ecowatch.analytics.rules.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.ecowatch.analytics.rules.Fixtures.*;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.ReadingKeys;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The mill's outlet reports every 30 s and its stack every minute: both are offline after 10 minutes of silence (3
 * intervals are shorter than the 10-minute minimum). The startup grace is 20 minutes. Unless a test says otherwise
 * the operator started at 08:00 wall time, so its grace is long over when the tests' readings arrive at 09:00, and
 * wall time equals event time (live).
 */
class OfflineRuleTest {
    static final long WINDOW = 10 * MINUTE, GRACE = 20 * MINUTE, STARTED = NINE - HOUR;
    Harness rule;

    OfflineRuleTest() throws Exception {
        rule = Harness.startedAt(STARTED, null);
    }

    @AfterEach
    void close() throws Exception {
        rule.close();
    }

    @Nested
    class Live {
        @Test
        void firesWhenTheWallClockPassesTenMinutesWithoutAReadingEvenThoughEventTimeStands() throws Exception {
            rule.wall(NINE).feed(cod(NINE, 50)).wall(NINE + WINDOW);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("OFFLINE");
                assertThat(a.enterpriseId()).isEqualTo(MILL);
                assertThat(a.deviceId()).isEqualTo(OUTLET);
                assertThat(a.metric()).isNull();
                assertThat(a.holds()).isTrue();
                assertThat(a.severity()).isEqualTo(Severity.WARNING);
                assertThat(a.since()).isEqualTo(NINE + 30_000);
                assertThat(a.at()).isEqualTo(NINE + WINDOW);
                assertThat(a.observed()).isEqualTo(10.0);
                assertThat(a.limit()).isEqualTo(10.0);
                assertThat(a.evidence()).extracting(Evidence::ts).containsExactly(NINE);
            });
        }

        @Test
        void staysQuietOneMillisecondShortOfTheWindow() throws Exception {
            rule.wall(NINE).feed(cod(NINE, 50)).wall(NINE + WINDOW - 1);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void staysQuietWhileEachReadingComesWithinTheWindowOfTheLast() throws Exception {
            for (long t = NINE; t < NINE + HOUR; t += 9 * MINUTE) {
                rule.wall(t).feed(cod(t, 50));
            }
            rule.wall(NINE + 54 * MINUTE + WINDOW - 1);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void clearsAtTheFirstNewReading() throws Exception {
            long back = NINE + 25 * MINUTE;
            rule.wall(NINE).feed(cod(NINE, 50)).wall(NINE + 20 * MINUTE).wall(back).feed(cod(back, 50));

            assertThat(rule.signals()).extracting(Anomaly::holds, Anomaly::at, Anomaly::since)
                    .containsExactly(tuple(true, NINE + 20 * MINUTE, NINE + 30_000), tuple(false, back, back));
        }

        @Test
        void isNotClearedByAnOldReadingDeliveredAgain() throws Exception {
            rule.wall(NINE).feed(cod(NINE - MINUTE, 50), cod(NINE, 50)).wall(NINE + WINDOW).feed(cod(NINE - MINUTE, 50));

            assertThat(rule.signals()).extracting(Anomaly::holds).containsExactly(true);
        }
    }

    @Nested
    class Replay {
        /** Wall time stands still at 08:30 while an hour of recorded data goes through. */
        @Test
        void firesInEventTimeWhenTheOtherDevicesMoveTheWatermarkPastTheGap() throws Exception {
            rule.wall(NINE - 30 * MINUTE).feed(every(30_000, NINE, NINE + 5 * MINUTE, t -> cod(t, 50)))
                    .feed(every(MINUTE, NINE, NINE + HOUR, t -> nox(t, 80))).watermark(NINE + HOUR);

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.deviceId()).isEqualTo(OUTLET);
                assertThat(a.since()).isEqualTo(NINE + 5 * MINUTE);
                assertThat(a.at()).isEqualTo(NINE + 4 * MINUTE + 30_000 + WINDOW);
            });
        }

        @Test
        void staysQuietWhenTheWatermarkStopsJustShortOfTheWindow() throws Exception {
            rule.wall(NINE - 30 * MINUTE).feed(cod(NINE, 50)).feed(every(MINUTE, NINE, NINE + HOUR, t -> nox(t, 80)))
                    .watermark(NINE + WINDOW - 1);

            assertThat(rule.signals()).isEmpty();
        }
    }

    @Nested
    class AfterARestart {
        /** The job ran until 09:01 and comes back at 12:00: three hours of wall time passed without readings. */
        static final long RESTART = NOON;

        Harness restarted() throws Exception {
            rule.wall(NINE).feed(cod(NINE, 50), nox(NINE, 80)).wall(NINE + MINUTE);
            OperatorSubtaskState snapshot = rule.snapshot();
            rule.close();
            rule = Harness.startedAt(RESTART, snapshot);
            return rule;
        }

        @Test
        void firesNothingWithinTheGracePeriodThoughEveryRestoredTimerIsOverdue() throws Exception {
            restarted().wall(RESTART + MINUTE).wall(RESTART + GRACE - 1);

            assertThat(rule.signals()).isEmpty();
        }

        @Test
        void reportsTheDevicesStillSilentWhenTheGraceEnds() throws Exception {
            restarted();
            for (long t = RESTART + 5 * MINUTE; t <= RESTART + GRACE; t += MINUTE) {
                rule.wall(t).feed(nox(t, 80)); // the stack reports again, the outlet does not
            }

            assertThat(rule.signals()).singleElement().satisfies(a -> {
                assertThat(a.deviceId()).isEqualTo(OUTLET);
                assertThat(a.since()).isEqualTo(NINE + 30_000);
                assertThat(a.at()).isEqualTo(NINE + (RESTART + GRACE - NINE));
            });
        }

        @Test
        void reportsAGapInEventTimeAtOnceEvenDuringTheGraceBecauseItIsInTheData() throws Exception {
            restarted().wall(RESTART + 15 * MINUTE).feed(every(MINUTE, NINE + MINUTE, NINE + HOUR, t -> nox(t, 80)))
                    .watermark(NINE + HOUR);

            assertThat(rule.signals()).extracting(Anomaly::deviceId, Anomaly::at)
                    .containsExactly(tuple(OUTLET, NINE + WINDOW));
        }
    }

    @Nested
    class Cleanup {
        @Test
        void keepsOneTimerPerClockForALiveDeviceHoweverManyReadingsArrive() throws Exception {
            rule.wall(NINE).feed(every(30_000, NINE, NINE + 5 * MINUTE, t -> cod(t, 50)));

            assertThat(rule.eventTimers()).isEqualTo(1);
            assertThat(rule.wallTimers()).isEqualTo(1);
        }

        @Test
        void leavesNoTimersOnceOfflineAndOnlyTheLastReadingWithTheMarker() throws Exception {
            rule.wall(NINE).feed(cod(NINE, 50)).watermark(NINE + WINDOW).wall(NINE + 2 * WINDOW);

            assertThat(rule.signals()).extracting(Anomaly::at).containsExactly(NINE + WINDOW);
            assertThat(rule.eventTimers()).isZero();
            assertThat(rule.wallTimers()).isZero();
            assertThat(rule.stateEntries()).isEqualTo(3); // last reading, when it was heard, the offline marker
        }
    }

    /** The rule in a keyed harness with a wall clock the test moves (processing time) and a watermark. */
    static final class Harness implements AutoCloseable {
        final KeyedOneInputStreamOperatorTestHarness<String, Reading, Anomaly> harness;

        private Harness(KeyedOneInputStreamOperatorTestHarness<String, Reading, Anomaly> harness) {
            this.harness = harness;
        }

        /** Opens a new operator at wall time {@code started}, from {@code snapshot} if not null. */
        static Harness startedAt(long started, OperatorSubtaskState snapshot) throws Exception {
            var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new OfflineRule(config())),
                    ReadingKeys.byDevice(), Types.STRING);
            harness.setProcessingTime(started);
            if (snapshot != null) {
                harness.setup();
                harness.initializeState(snapshot);
            }
            harness.open();
            return new Harness(harness);
        }

        Harness wall(long time) throws Exception {
            harness.setProcessingTime(time);
            return this;
        }

        Harness feed(Reading... readings) throws Exception {
            return feed(List.of(readings));
        }

        Harness feed(List<Reading> readings) throws Exception {
            for (Reading r : readings) {
                harness.processElement(new StreamRecord<>(r, r.ts()));
            }
            return this;
        }

        Harness watermark(long time) throws Exception {
            harness.processWatermark(new Watermark(time));
            return this;
        }

        OperatorSubtaskState snapshot() throws Exception {
            return harness.snapshot(1L, harness.getProcessingTime());
        }

        List<Anomaly> signals() {
            return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                    .map(o -> (Anomaly) ((StreamRecord<?>) o).getValue()).filter(Objects::nonNull).toList();
        }

        int eventTimers() {
            return harness.numEventTimeTimers();
        }

        int wallTimers() {
            return harness.numProcessingTimeTimers();
        }

        int stateEntries() {
            return harness.numKeyedStateEntries();
        }

        @Override
        public void close() throws Exception {
            harness.close();
        }
    }
}
