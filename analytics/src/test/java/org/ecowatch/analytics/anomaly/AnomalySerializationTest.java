package org.ecowatch.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Anomalies cross operator boundaries and sit in state: Flink must serialize them without Kryo. */
class AnomalySerializationTest {

    static final long NINE_AM = 1_795_827_600_000L;

    static SerializerConfigImpl withoutGenericTypes() {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        SerializerConfigImpl serializerConfig = new SerializerConfigImpl();
        serializerConfig.configure(config, AnomalySerializationTest.class.getClassLoader());
        return serializerConfig;
    }

    static Anomaly exceedance(Double limit, String metric) {
        return new Anomaly("EXCEEDANCE", "ent-001", "ww-01", metric, NINE_AM + 3_600_000, NINE_AM, true, Severity.MAJOR,
                61.3, limit, 3_600_000, "COD hourly average 61.3 mg/L above the limit 60",
                List.of(new Evidence("ww-01", "w01018", NINE_AM, 61.0, "N"), new Evidence("ww-01", "w01018", NINE_AM + 30_000, 61.6, "N")));
    }

    static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void isAPojoTypeWhoseFieldsNeedNoGenericSerializer() {
        TypeInformation<Anomaly> type = TypeInformation.of(Anomaly.class);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<Anomaly> pojo = (PojoTypeInfo<Anomaly>) type;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getTypeAt(i)).as(pojo.getPojoFieldAt(i).getField().getName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
    }

    @Test
    void survivesARoundTripWithGenericTypesDisabledIncludingItsEvidenceAndNulls() throws IOException {
        TypeSerializer<Anomaly> serializer = TypeInformation.of(Anomaly.class).createSerializer(withoutGenericTypes());

        Anomaly full = exceedance(60.0, "w01018");
        Anomaly sparse = new Anomaly("OFFLINE", "ent-001", "ww-01", null, NINE_AM, NINE_AM, false, Severity.WARNING,
                Double.NaN, null, 0, "back online", List.of());

        assertThat(roundTrip(serializer, full)).isEqualTo(full);
        assertThat(roundTrip(serializer, sparse)).isEqualTo(sparse);
    }

    @Test
    void refusesMoreEvidenceThanTheBound() {
        List<Evidence> many = java.util.stream.IntStream.range(0, Anomaly.MAX_EVIDENCE + 1)
                .mapToObj(i -> new Evidence("ww-01", "w01018", NINE_AM + i, i, "N")).toList();

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new Anomaly("EXCEEDANCE",
                "ent-001", "ww-01", "w01018", NINE_AM, NINE_AM, true, Severity.MAJOR, 1, 1.0, 0, "", many));
    }
}
