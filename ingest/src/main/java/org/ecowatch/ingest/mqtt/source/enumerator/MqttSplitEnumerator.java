package org.ecowatch.ingest.mqtt.source.enumerator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Comparator;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.ecowatch.ingest.mqtt.source.MqttSourceConfig;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the source's MQTT sessions once and pushes them to the readers: session {@code n} goes to
 * subtask {@code n % parallelism}, so the load spreads round robin and a session goes back to the
 * same subtask after a failure. Sessions of a failed reader come back through
 * {@link #addSplitsBack} and are handed out again when that reader registers.
 */
public final class MqttSplitEnumerator implements SplitEnumerator<MqttSessionSplit, MqttEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSplitEnumerator.class);

    private final SplitEnumeratorContext<MqttSessionSplit> context;
    private final MqttSourceConfig config;
    private final TreeSet<MqttSessionSplit> unassigned =
            new TreeSet<>(Comparator.comparingInt(MqttSessionSplit::index));
    private int sessionsCreated;

    /**
     * @param restored the checkpointed state, or {@code null} on a fresh start
     */
    public MqttSplitEnumerator(
            SplitEnumeratorContext<MqttSessionSplit> context, MqttSourceConfig config, MqttEnumeratorState restored) {
        this.context = context;
        this.config = config;
        if (restored != null) {
            sessionsCreated = restored.sessionsCreated();
            unassigned.addAll(restored.unassigned());
        }
    }

    @Override
    public void start() {
        int wanted = config.sessions() != null ? config.sessions() : context.currentParallelism();
        if (wanted < sessionsCreated) {
            // A session cannot be taken back from the broker's point of view: its queued messages
            // would be stranded. Keep serving all of them.
            LOG.info("MQTT source keeps its {} existing sessions although {} are configured", sessionsCreated, wanted);
        }
        for (int index = sessionsCreated; index < wanted; index++) {
            unassigned.add(new MqttSessionSplit(index, config.clientId(index)));
        }
        sessionsCreated = Math.max(sessionsCreated, wanted);
        assignUnassigned();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Sessions are pushed on registration; readers never ask.
    }

    @Override
    public void addSplitsBack(List<MqttSessionSplit> splits, int subtaskId) {
        LOG.info("MQTT sessions {} of failed subtask {} will be reassigned", splits, subtaskId);
        unassigned.addAll(splits);
        assignUnassigned();
    }

    @Override
    public void addReader(int subtaskId) {
        assignUnassigned();
    }

    @Override
    public MqttEnumeratorState snapshotState(long checkpointId) {
        return new MqttEnumeratorState(sessionsCreated, new ArrayList<>(unassigned));
    }

    @Override
    public void close() {}

    private void assignUnassigned() {
        int parallelism = context.currentParallelism();
        Map<Integer, List<MqttSessionSplit>> assignment = new HashMap<>();
        for (Iterator<MqttSessionSplit> it = unassigned.iterator(); it.hasNext(); ) {
            MqttSessionSplit split = it.next();
            int owner = split.index() % parallelism;
            if (context.registeredReaders().containsKey(owner)) {
                assignment.computeIfAbsent(owner, k -> new ArrayList<>()).add(split);
                it.remove();
            }
        }
        if (!assignment.isEmpty()) {
            LOG.info("Assigning MQTT sessions {}", assignment);
            context.assignSplits(new SplitsAssignment<>(assignment));
        }
    }
}
