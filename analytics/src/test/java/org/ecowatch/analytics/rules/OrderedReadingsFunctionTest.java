package org.ecowatch.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.analytics.rules.Fixtures.COD;
import static org.ecowatch.analytics.rules.Fixtures.MILL;
import static org.ecowatch.analytics.rules.Fixtures.MINUTE;
import static org.ecowatch.analytics.rules.Fixtures.NINE;
import static org.ecowatch.analytics.rules.Fixtures.OUTLET;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.Test;

/** The event-time skeleton of the rules, with a rule that only records the times it was handed. */
class OrderedReadingsFunctionTest {

    @Test
    void aReadingRedeliveredAfterARestartIsNotHandedToTheRuleASecondTime() throws Exception {
        Recording.SEEN.clear();
        Reading first = cod(NINE);
        Reading second = cod(NINE + MINUTE);
        var harness = open(null);
        feed(harness, first, second);
        harness.processWatermark(new Watermark(NINE + MINUTE));
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        harness.close();

        // Restored, event time starts from nothing; the broker redelivers what the checkpoint covered, then new data.
        var restored = open(checkpoint);
        feed(restored, first, second, cod(NINE + 2 * MINUTE));
        restored.processWatermark(new Watermark(NINE + 2 * MINUTE));

        assertThat(Recording.SEEN).containsExactly(NINE, NINE + MINUTE, NINE + 2 * MINUTE);
        restored.close();
    }

    private static Reading cod(long ts) {
        return Reading.realTime(MILL, OUTLET, COD, ts, 42, "N");
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, Reading, Anomaly> harness, Reading... readings)
            throws Exception {
        for (Reading r : readings) {
            harness.processElement(new StreamRecord<>(r, r.ts()));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Anomaly> open(OperatorSubtaskState state) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Recording()),
                ReadingKeys.byDeviceAndMetric(), Types.STRING);
        if (state != null) {
            harness.setup();
            harness.initializeState(state);
        }
        harness.open();
        return harness;
    }

    /** Records the time of every reading it is handed (the harness runs on the test's thread). */
    static final class Recording extends OrderedReadingsFunction {
        static final List<Long> SEEN = new ArrayList<>();

        Recording() {
            super(Fixtures.HOUR);
        }

        @Override
        public String rule() {
            return "RECORDING";
        }

        @Override
        protected boolean accepts(Reading r) {
            return true;
        }

        @Override
        protected void onReading(Reading r, Context ctx, Collector<Anomaly> out) {
            SEEN.add(r.ts());
        }

        @Override
        protected void onQuiet(long time, Context ctx, Collector<Anomaly> out) {}

        @Override
        protected void openState() {}
    }
}
