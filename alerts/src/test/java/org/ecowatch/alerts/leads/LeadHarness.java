package org.ecowatch.alerts.leads;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ecowatch.alerts.message.Alert;

/** The lead builder in Flink's keyed operator test harness, keyed as the job keys it. */
final class LeadHarness implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, Alert, Lead> harness;

    LeadHarness(LeadBuilder builder) throws Exception {
        this(builder, null);
    }

    /** Restored from {@code snapshot} when not null, as after a restart from a checkpoint. */
    LeadHarness(LeadBuilder builder, OperatorSubtaskState snapshot) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(builder),
                LeadBuilder.byEnterprise(), Types.STRING);
        harness.setup();
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    static LeadHarness withDefaults() throws Exception {
        return new LeadHarness(new LeadBuilder(Incidents.config()));
    }

    static LeadHarness confirming(ConfirmedViolations confirmed) throws Exception {
        return new LeadHarness(new LeadBuilder(Incidents.config(), LeadParameters.defaults(), confirmed));
    }

    LeadHarness feed(Alert... alerts) throws Exception {
        for (Alert a : alerts) {
            harness.processElement(new StreamRecord<>(a, a.at()));
        }
        return this;
    }

    /** Moves event time on to {@code time} (epoch ms). */
    LeadHarness watermark(long time) throws Exception {
        harness.processWatermark(new Watermark(time));
        return this;
    }

    List<Lead> leads() {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(o -> (Lead) ((StreamRecord<?>) o).getValue()).filter(Objects::nonNull).toList();
    }

    Lead last() {
        List<Lead> all = leads();
        return all.get(all.size() - 1);
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
