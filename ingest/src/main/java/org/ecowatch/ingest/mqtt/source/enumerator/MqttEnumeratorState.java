package org.ecowatch.ingest.mqtt.source.enumerator;

import java.util.List;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;

/**
 * What the enumerator checkpoints. Assigned sessions live in the readers' state, so only the
 * sessions not yet handed out are kept here.
 *
 * @param sessionsCreated how many sessions (0 … n-1) the source has created so far
 * @param unassigned      sessions waiting for their reader
 */
public record MqttEnumeratorState(int sessionsCreated, List<MqttSessionSplit> unassigned) {

    public MqttEnumeratorState {
        unassigned = List.copyOf(unassigned);
    }
}
