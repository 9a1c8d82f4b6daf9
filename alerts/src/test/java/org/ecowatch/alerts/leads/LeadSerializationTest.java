package org.ecowatch.alerts.leads;

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
import org.ecowatch.alerts.leads.Lead.Action;
import org.ecowatch.alerts.leads.Lead.Priority;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.analytics.anomaly.Severity;
import org.junit.jupiter.api.Test;

/** Leads cross operator boundaries and incidents sit in state: Flink must serialize them without Kryo. */
class LeadSerializationTest {

    static SerializerConfigImpl withoutGenericTypes() {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        SerializerConfigImpl serializerConfig = new SerializerConfigImpl();
        serializerConfig.configure(config, LeadSerializationTest.class.getClassLoader());
        return serializerConfig;
    }

    static <T> T roundTrip(Class<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(withoutGenericTypes());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void leadsAndIncidentsArePojosWithoutGenericFields() {
        for (Class<?> type : List.of(Lead.class, Incident.class)) {
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
    void theBuilderShipsToTheCluster() throws Exception {
        assertThat(org.apache.flink.util.InstantiationUtil.clone(new LeadBuilder(Incidents.config()))).isNotNull();
    }

    @Test
    void survivesARoundTripWithGenericTypesDisabledIncludingNulls() throws IOException {
        Lead full = LeadJsonTest.lead();
        Lead sparse = new Lead("id", 1, "ent-9", "ent-9", LeadBuilder.UNASSIGNED, Priority.P3, Action.OFFSITE_VERIFICATION,
                "OFFLINE", 1, 2, List.of(), List.of(), "s", false, null);
        assertThat(roundTrip(Lead.class, full)).isEqualTo(full);
        assertThat(roundTrip(Lead.class, sparse)).isEqualTo(sparse);

        Alert cod = Incidents.opened(Incidents.MILL, "EXCEEDANCE", Severity.MAJOR, 1, 2);
        Alert silent = Incidents.opened(Incidents.MILL, "OFFLINE", Severity.WARNING, 1, 2);
        Incident incident = new Incident("lead", 2, 1, true, List.of(cod, Incidents.resolved(silent, 3)));
        assertThat(roundTrip(Incident.class, incident)).isEqualTo(incident);
    }
}
