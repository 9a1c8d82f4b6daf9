package org.ecowatch.analytics.rules.treatmentoff;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.ecowatch.ingest.reading.Reading;
import org.junit.jupiter.api.Test;

/** The run sits in checkpointed state: Flink must serialize it with generic types disabled. */
class TreatmentRunSerializationTest {

    @Test
    void survivesARoundTripWithGenericTypesDisabled() throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        SerializerConfigImpl serializerConfig = new SerializerConfigImpl();
        serializerConfig.configure(config, getClass().getClassLoader());
        TypeInformation<TreatmentRun> type = TypeInformation.of(TreatmentRun.class);
        TypeSerializer<TreatmentRun> serializer = type.createSerializer(serializerConfig);
        TreatmentRun run = TreatmentRun.startingAt(1_000).off(2_000)
                .with(Reading.realTime("ent", "pm-prod", "power.active", 1_000, 120, "N"), true)
                .with(Reading.realTime("ent", "pm-treat", "power.active", 2_000, 0, "N"), false);

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(run, out);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(run);
    }
}
