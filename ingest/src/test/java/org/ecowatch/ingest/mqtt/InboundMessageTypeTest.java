package org.ecowatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.ecowatch.ingest.mqtt.source.MqttSource;
import org.junit.jupiter.api.Test;

class InboundMessageTypeTest {

    @Test
    void travelsBetweenOperatorsWithoutKryo() throws Exception {
        TypeInformation<InboundMessage> type = MqttSource.builder()
                .setServerUri("tcp://127.0.0.1:1883")
                .setTopicFilters("t/#")
                .build()
                .getProducedType();
        SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
        noGenericTypes.setGenericTypes(false);

        TypeSerializer<InboundMessage> serializer = type.createSerializer(noGenericTypes);
        InboundMessage message = new InboundMessage("ecowatch/v1/telemetry/e/d", "{}".getBytes(StandardCharsets.UTF_8), 42L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(message, out);
        InboundMessage copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(copy.topic()).isEqualTo(message.topic());
        assertThat(copy.payload()).isEqualTo(message.payload());
        assertThat(copy.receivedAt()).isEqualTo(42L);
    }
}
