package org.ecowatch.ingest.mqtt.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ecowatch.ingest.mqtt.source.MqttSource;
import org.ecowatch.ingest.mqtt.source.MqttSourceBuilder;
import org.ecowatch.ingest.mqtt.source.MqttSourceConfig;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;
import org.junit.jupiter.api.Test;

class MqttSplitEnumeratorTest {

    private static MqttSourceBuilder source() {
        return MqttSource.builder().setServerUri("tcp://127.0.0.1:1883").setTopicFilters("t/#").setClientIdPrefix("p");
    }

    @Test
    void createsOneSessionPerSubtaskByDefaultAndAssignsItWhenTheReaderRegisters() {
        AssignmentRecordingContext context = new AssignmentRecordingContext(2);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, source().build().config(), null);

        enumerator.start();
        assertThat(context.assigned).isEmpty();
        context.registerReader(1);
        enumerator.addReader(1);
        context.registerReader(0);
        enumerator.addReader(0);

        assertThat(context.assigned.get(0)).containsExactly(new MqttSessionSplit(0, "p-0"));
        assertThat(context.assigned.get(1)).containsExactly(new MqttSessionSplit(1, "p-1"));
        assertThat(enumerator.snapshotState(1)).isEqualTo(new MqttEnumeratorState(2, List.of()));
    }

    @Test
    void spreadsMoreSessionsThanSubtasksRoundRobin() {
        AssignmentRecordingContext context = new AssignmentRecordingContext(2);
        context.registerReader(0);
        context.registerReader(1);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, source().setSessions(5).build().config(), null);

        enumerator.start();

        assertThat(context.assigned.get(0)).extracting(MqttSessionSplit::index).containsExactly(0, 2, 4);
        assertThat(context.assigned.get(1)).extracting(MqttSessionSplit::index).containsExactly(1, 3);
    }

    @Test
    void reassignsTheSessionsOfAFailedReaderWhenItComesBack() {
        AssignmentRecordingContext context = new AssignmentRecordingContext(2);
        context.registerReader(0);
        context.registerReader(1);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, source().build().config(), null);
        enumerator.start();
        List<MqttSessionSplit> lost = context.assigned.get(1);

        context.unregisterReader(1);
        enumerator.addSplitsBack(lost, 1);
        assertThat(enumerator.snapshotState(2).unassigned()).containsExactlyElementsOf(lost);
        context.registerReader(1);
        enumerator.addReader(1);

        assertThat(context.assigned.get(1)).containsExactlyElementsOf(lost);
        assertThat(enumerator.snapshotState(3).unassigned()).isEmpty();
    }

    @Test
    void restoredStateKeepsItsSessionsAndAddsOnlyNewlyConfiguredOnes() {
        MqttSourceConfig fourSessions = source().setSessions(4).build().config();
        AssignmentRecordingContext context = new AssignmentRecordingContext(2);
        context.registerReader(0);
        MqttEnumeratorState checkpoint = new MqttEnumeratorState(2, List.of(new MqttSessionSplit(0, "p-0")));

        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, fourSessions, checkpoint);
        enumerator.start();

        assertThat(context.assigned.get(0)).extracting(MqttSessionSplit::index).containsExactly(0, 2);
        assertThat(enumerator.snapshotState(1))
                .isEqualTo(new MqttEnumeratorState(4, List.of(new MqttSessionSplit(3, "p-3"))));
    }
}
