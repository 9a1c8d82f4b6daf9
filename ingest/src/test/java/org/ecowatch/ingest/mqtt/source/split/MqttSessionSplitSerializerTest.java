package org.ecowatch.ingest.mqtt.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MqttSessionSplitSerializerTest {

    private final MqttSessionSplitSerializer serializer = MqttSessionSplitSerializer.INSTANCE;

    @Test
    void readsBackWhatItWrote() throws IOException {
        MqttSessionSplit split = new MqttSessionSplit(7, "ecowatch-source-7");

        byte[] bytes = serializer.serialize(split);

        assertThat(serializer.deserialize(serializer.getVersion(), bytes)).isEqualTo(split);
        assertThat(split.splitId()).isEqualTo("ecowatch-source-7");
    }

    @Test
    void refusesAVersionItDoesNotKnow() throws IOException {
        byte[] bytes = serializer.serialize(new MqttSessionSplit(0, "c-0"));

        assertThatThrownBy(() -> serializer.deserialize(serializer.getVersion() + 1, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version");
    }
}
