package org.ecowatch.analytics.rules;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.ingest.reading.Reading;

/** One rule in Flink's keyed operator test harness, keyed like the job keys it, with small helpers. */
public final class RuleHarness implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, Reading, Anomaly> harness;

    public RuleHarness(OrderedReadingsFunction rule) throws Exception {
        this(rule, ReadingKeys.byDeviceAndMetric());
    }

    /** A rule the job keys otherwise, e.g. by {@link ReadingKeys#byDevice()} or {@link ReadingKeys#byEnterprise()}. */
    public RuleHarness(OrderedReadingsFunction rule, KeySelector<Reading, String> key) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(rule), key, Types.STRING);
        // As in the job: a state type Flink would hand to Kryo fails here, not in production.
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        harness.open();
    }

    public RuleHarness feed(Reading... readings) throws Exception {
        return feed(List.of(readings));
    }

    public RuleHarness feed(List<Reading> readings) throws Exception {
        for (Reading r : readings) {
            harness.processElement(new StreamRecord<>(r, r.ts()));
        }
        return this;
    }

    /** Moves event time on to {@code time} (epoch ms). */
    public RuleHarness watermark(long time) throws Exception {
        harness.processWatermark(new Watermark(time));
        return this;
    }

    /** Every condition signal emitted so far, in order. */
    public List<Anomaly> signals() {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(o -> (Anomaly) ((StreamRecord<?>) o).getValue()).filter(Objects::nonNull).toList();
    }

    public int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    public int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
