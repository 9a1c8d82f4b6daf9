package org.ecowatch.ingest.mqtt.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;
import org.junit.jupiter.api.Test;

class MqttEnumeratorStateSerializerTest {

    private final MqttEnumeratorStateSerializer serializer = MqttEnumeratorStateSerializer.INSTANCE;

    @Test
    void readsBackWhatItWrote() throws IOException {
        MqttEnumeratorState state = new MqttEnumeratorState(
                4, List.of(new MqttSessionSplit(1, "p-1"), new MqttSessionSplit(3, "p-3")));

        MqttEnumeratorState read = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(read).isEqualTo(state);
    }

    @Test
    void readsBackAnEmptyState() throws IOException {
        MqttEnumeratorState state = new MqttEnumeratorState(2, List.of());

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state))).isEqualTo(state);
    }
}
