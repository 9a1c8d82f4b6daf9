package org.ecowatch.analytics.rules.waterbalance;

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

/** The day and the zero-discharge run sit in checkpointed state: Flink must serialize them without Kryo. */
class WaterStateSerializationTest {

    static <T> T roundTrip(Class<T> type, T value) throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        SerializerConfigImpl serializerConfig = new SerializerConfigImpl();
        serializerConfig.configure(config, WaterStateSerializationTest.class.getClassLoader());
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<T> serializer = info.createSerializer(serializerConfig);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void aDaySurvivesARoundTripWithAndWithoutProofOfProduction() throws Exception {
        Reading from = Reading.realTime("ent", "wm-in", "water.volume", 1_000, 10, "N");
        Reading to = Reading.realTime("ent", "wm-in", "water.volume", 2_000, 15, "N");
        WaterDay empty = WaterDay.between(0, 86_400_000);
        WaterDay full = empty.with(true, 5, from, to).running(Reading.realTime("ent", "pm", "power.active", 1_500, 90, "N"));

        assertThat(roundTrip(WaterDay.class, empty)).isEqualTo(empty);
        assertThat(roundTrip(WaterDay.class, full)).isEqualTo(full);
    }

    @Test
    void aZeroDischargeRunSurvivesARoundTrip() throws Exception {
        ZeroDischargeRun run = ZeroDischargeRun.startingAt(1_000)
                .with(Reading.realTime("ent", "wm-out", "water.flow", 1_000, 0, "N"), false);

        assertThat(roundTrip(ZeroDischargeRun.class, run)).isEqualTo(run);
    }
}
