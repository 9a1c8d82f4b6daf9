package org.ecowatch.alerts.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.ecowatch.alerts.lifecycle.Deferred;
import org.ecowatch.alerts.lifecycle.Episode;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;
import org.junit.jupiter.api.Test;

/** Alerts cross operator boundaries and episodes sit in state: Flink must serialize them without Kryo. */
class AlertSerializationTest {

    static SerializerConfigImpl withoutGenericTypes() {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        SerializerConfigImpl serializerConfig = new SerializerConfigImpl();
        serializerConfig.configure(config, AlertSerializationTest.class.getClassLoader());
        return serializerConfig;
    }

    static <T> T roundTrip(Class<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(withoutGenericTypes());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void alertsEpisodesAndDeferredOpensArePojosWithoutGenericFields() {
        for (Class<?> type : List.of(Alert.class, Episode.class, Deferred.class, MaintenanceNote.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                assertThat(pojo.getTypeAt(i)).as(type.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
                        .isNotInstanceOf(GenericTypeInfo.class);
            }
        }
    }

    @Test
    void survivesARoundTripWithGenericTypesDisabledIncludingNulls() throws IOException {
        Alert full = AlertJsonTest.exceedance();
        Alert sparse = new Alert("id", AlertState.RESOLVED, "OFFLINE", Severity.WARNING, "ent-001", "ww-01", null, 1, 2,
                Double.NaN, null, null, List.of(), "back online", true, List.of(), null);
        Anomaly clear = new Anomaly("OFFLINE", "ent-001", "ww-01", null, 2, 2, false, Severity.WARNING, Double.NaN, null, 0,
                "back", List.of());

        assertThat(roundTrip(Alert.class, full)).isEqualTo(full);
        assertThat(roundTrip(Alert.class, sparse)).isEqualTo(sparse);
        Episode open = new Episode("id", 1, Severity.MAJOR, false, 0, null);
        Episode clearing = new Episode("id", 1, Severity.MAJOR, true, 5, clear);
        assertThat(roundTrip(Episode.class, open)).isEqualTo(open);
        assertThat(roundTrip(Episode.class, clearing)).isEqualTo(clearing);
        assertThat(roundTrip(Deferred.class, new Deferred(clear, 9))).isEqualTo(new Deferred(clear, 9));
    }
}
