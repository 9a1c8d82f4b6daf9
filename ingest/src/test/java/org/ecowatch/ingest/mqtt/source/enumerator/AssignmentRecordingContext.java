package org.ecowatch.ingest.mqtt.source.enumerator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;

/**
 * The part of Flink's enumerator context the MQTT enumerator uses: registered readers and split
 * assignment, which it records per subtask. The enumerator never calls the asynchronous methods.
 */
final class AssignmentRecordingContext implements SplitEnumeratorContext<MqttSessionSplit> {

    private final int parallelism;
    private final Map<Integer, ReaderInfo> readers = new HashMap<>();
    final Map<Integer, List<MqttSessionSplit>> assigned = new HashMap<>();

    AssignmentRecordingContext(int parallelism) {
        this.parallelism = parallelism;
    }

    void registerReader(int subtask) {
        readers.put(subtask, new ReaderInfo(subtask, "localhost"));
    }

    void unregisterReader(int subtask) {
        readers.remove(subtask);
        assigned.remove(subtask);
    }

    @Override
    public SplitEnumeratorMetricGroup metricGroup() {
        return UnregisteredMetricsGroup.createSplitEnumeratorMetricGroup();
    }

    @Override
    public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
        throw new UnsupportedOperationException("the MQTT enumerator sends no events");
    }

    @Override
    public int currentParallelism() {
        return parallelism;
    }

    @Override
    public Map<Integer, ReaderInfo> registeredReaders() {
        return Map.copyOf(readers);
    }

    @Override
    public void assignSplits(SplitsAssignment<MqttSessionSplit> assignment) {
        assignment.assignment().forEach((subtask, splits) -> {
            if (!readers.containsKey(subtask)) {
                throw new IllegalStateException("assigned to unregistered subtask " + subtask);
            }
            assigned.computeIfAbsent(subtask, k -> new ArrayList<>()).addAll(splits);
        });
    }

    @Override
    public void signalNoMoreSplits(int subtask) {
        throw new UnsupportedOperationException("an unbounded source never runs out of splits");
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void runInCoordinatorThread(Runnable runnable) {
        runnable.run();
    }
}
