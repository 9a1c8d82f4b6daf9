package org.ecowatch.alerts.leads;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.outcomes.ConfirmedOutcomes;

/**
 * The lead builder in Flink's keyed broadcast operator test harness, keyed as the job keys it, with the confirmed
 * outcomes as its broadcast input. As in the job, that input's watermark is the highest, so the alerts' drives time.
 */
final class LeadHarness implements AutoCloseable {
    private final KeyedBroadcastOperatorTestHarness<String, Alert, ConfirmedOutcomes, Lead> harness;

    LeadHarness(LeadBuilder builder) throws Exception {
        this(builder, null);
    }

    /** Restored from {@code snapshot} when not null, as after a restart from a checkpoint. */
    LeadHarness(LeadBuilder builder, OperatorSubtaskState snapshot) throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(builder,
                List.of(LeadBuilder.CONFIRMED)), LeadBuilder.byEnterprise(), Types.STRING, 1, 1, 0);
        harness.setup();
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    static LeadHarness withDefaults() throws Exception {
        return new LeadHarness(new LeadBuilder(Incidents.config()));
    }

    LeadHarness feed(Alert... alerts) throws Exception {
        for (Alert a : alerts) {
            harness.processElement(new StreamRecord<>(a, a.at()));
        }
        return this;
    }

    /** Hands the builder an enterprise's confirmed violations, as the outcomes topic does. */
    LeadHarness confirmed(ConfirmedOutcomes outcomes) throws Exception {
        harness.processBroadcastElement(new StreamRecord<>(outcomes));
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
        // the keyed broadcast harness does not count them itself; its operator's heap backend does
        var backend = ((org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) harness.getOperator())
                .getKeyedStateBackend();
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
