package org.ecowatch.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.analytics.rules.Fixtures.HOUR;
import static org.ecowatch.analytics.rules.Fixtures.MINUTE;
import static org.ecowatch.analytics.rules.Fixtures.NINE;
import static org.ecowatch.analytics.rules.Fixtures.cod;
import static org.ecowatch.analytics.rules.Fixtures.every;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.rules.earlywarning.EarlyWarningRule;
import org.ecowatch.analytics.rules.exceedance.ExceedanceRule;
import org.ecowatch.analytics.rules.flatline.FlatlineRule;
import org.ecowatch.analytics.rules.instrumentflag.InstrumentFlagRule;
import org.ecowatch.analytics.rules.outofrange.OutOfRangeRule;
import org.ecowatch.analytics.rules.treatmentoff.TreatmentOffRule;
import org.ecowatch.analytics.rules.waterbalance.WaterBalanceRule;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.Test;

/** The series rules in one operator judge exactly as each does alone, and leave no state behind. */
class RuleGroupTest {
    private static final long END = NINE + 8 * HOUR;
    private static final DetectionConfig CONFIG = Fixtures.config();
    private static final List<Supplier<OrderedReadingsFunction>> SERIES_RULES = List.of(
            () -> new ExceedanceRule(CONFIG), () -> new EarlyWarningRule(CONFIG), () -> new FlatlineRule(CONFIG),
            () -> new OutOfRangeRule(CONFIG), () -> new InstrumentFlagRule(CONFIG));

    @Test
    void theGroupEmitsWhatItsRulesEmitAlone() throws Exception {
        List<Reading> morning = morning();
        List<Anomaly> alone = new ArrayList<>();
        for (Supplier<OrderedReadingsFunction> rule : SERIES_RULES) {
            try (RuleHarness harness = new RuleHarness(rule.get())) {
                alone.addAll(harness.feed(morning).watermark(END).signals());
            }
        }

        var group = open(new RuleGroup(SERIES_RULES.stream().map(Supplier::get).toList()));
        for (Reading r : morning) {
            group.processElement(new StreamRecord<>(r, r.ts()));
        }
        group.processWatermark(new Watermark(END));
        List<Anomaly> together = signals(group);

        assertThat(alone).extracting(Anomaly::rule).contains(ExceedanceRule.RULE, EarlyWarningRule.RULE, FlatlineRule.RULE,
                OutOfRangeRule.RULE, InstrumentFlagRule.RULE);
        assertThat(sorted(together)).isEqualTo(sorted(alone));

        // Two days later every rule has gone quiet: what is left is the markers of conditions that still hold.
        group.processWatermark(new Watermark(END + 48 * HOUR));
        long holding = together.stream().map(a -> a.rule() + a.deviceId() + a.metric())
                .distinct().filter(key -> lastOf(together, key).holds()).count();
        assertThat(group.numKeyedStateEntries()).isEqualTo((int) holding);
        assertThat(group.numEventTimeTimers()).isZero();
        group.close();
    }

    @Test
    void theJobAsksTheRulesOfAGroupBeforeOpeningThemWhichReadingsTheyWant() {
        // the job filters with a copy of the group that is never opened: accepts() must not need open state
        RuleGroup enterpriseRules = new RuleGroup(List.of(new TreatmentOffRule(CONFIG), new WaterBalanceRule(CONFIG)));
        RuleGroup seriesRules = new RuleGroup(SERIES_RULES.stream().map(Supplier::get).toList());

        assertThat(enterpriseRules.acceptsAny(cod(NINE, 50))).isFalse();
        assertThat(seriesRules.acceptsAny(cod(NINE, 50))).isTrue();
    }

    /** COD flat above its limit, then an analyser fault, then above its range, then normal; NOx normal but one manual value. */
    private static List<Reading> morning() {
        long fault = NINE + 4 * HOUR + 30 * MINUTE, range = fault + HOUR + 10 * MINUTE, normal = range + 30 * MINUTE;
        List<Reading> readings = new ArrayList<>(every(30_000, NINE, fault, t -> cod(t, 150)));
        readings.addAll(every(30_000, fault, range, t -> cod(t, 80, "D")));
        readings.addAll(every(30_000, range, normal, t -> cod(t, 1200 + (t / 30_000) % 7)));
        readings.addAll(every(30_000, normal, END, t -> cod(t, 40 + (t / 30_000) % 5)));
        readings.addAll(every(MINUTE, NINE, END, t -> Reading.realTime(Fixtures.MILL, Fixtures.STACK, Fixtures.NOX, t,
                120 + (t / MINUTE) % 9, t == NINE + HOUR ? "S" : "N")));
        readings.sort(Comparator.comparingLong(Reading::ts));
        return readings;
    }

    private static Anomaly lastOf(List<Anomaly> signals, String key) {
        return signals.stream().filter(a -> (a.rule() + a.deviceId() + a.metric()).equals(key)).reduce((a, b) -> b).orElseThrow();
    }

    private static List<String> sorted(List<Anomaly> signals) {
        return signals.stream().map(Anomaly::toString).sorted().toList();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Anomaly> open(RuleGroup group) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(group),
                ReadingKeys.byDeviceAndMetric(), Types.STRING);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        harness.open();
        return harness;
    }

    private static List<Anomaly> signals(KeyedOneInputStreamOperatorTestHarness<String, Reading, Anomaly> harness) {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(o -> (Anomaly) ((StreamRecord<?>) o).getValue()).toList();
    }
}
