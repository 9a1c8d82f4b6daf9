package org.ecowatch.alerts.lifecycle;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.analytics.anomaly.Anomaly;

/** The lifecycle in Flink's keyed operator test harness, keyed as the job keys it. */
final class LifecycleHarness implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, Anomaly, Alert> harness;

    LifecycleHarness(AlertLifecycle lifecycle) throws Exception {
        this(lifecycle, null);
    }

    /** Restored from {@code snapshot} when not null, as after a restart from a checkpoint. */
    LifecycleHarness(AlertLifecycle lifecycle, OperatorSubtaskState snapshot) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(lifecycle),
                AlertLifecycle.byConditionKey(), Types.STRING);
        harness.setup();
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
    }

    static LifecycleHarness withDefaults() throws Exception {
        return new LifecycleHarness(new AlertLifecycle(Signals.config(), LifecycleParameters.defaults()));
    }

    /** Each signal, and then event time on to its time, as the job does once the rules' watermark follows it. */
    LifecycleHarness feed(Anomaly... signals) throws Exception {
        for (Anomaly s : signals) {
            harness.processElement(new StreamRecord<>(s, s.at()));
            if (s.at() > harness.getCurrentWatermark()) {
                harness.processWatermark(new Watermark(s.at()));
            }
        }
        return this;
    }

    /** Signals that come before event time reaches them: the job's other channels are behind. */
    LifecycleHarness arriveEarly(Anomaly... signals) throws Exception {
        for (Anomaly s : signals) {
            harness.processElement(new StreamRecord<>(s, s.at()));
        }
        return this;
    }

    /** Moves event time on to {@code time} (epoch ms). */
    LifecycleHarness watermark(long time) throws Exception {
        harness.processWatermark(new Watermark(time));
        return this;
    }

    List<Alert> alerts() {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(o -> (Alert) ((StreamRecord<?>) o).getValue()).filter(Objects::nonNull).toList();
    }

    List<AlertState> states() {
        return alerts().stream().map(Alert::state).toList();
    }

    Alert last() {
        List<Alert> all = alerts();
        return all.get(all.size() - 1);
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
