package org.ecowatch.alerts.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.Test;

class ConfirmedOutcomesTest {
    static final Instant NINE = Instant.parse("2026-11-27T01:00:00Z");
    static final Duration NINETY_DAYS = Duration.ofDays(90);

    static ConfirmedOutcomes one(Instant openedAt, Instant reportedAt) {
        return new ConfirmedOutcomes("ent-001", List.of(new ConfirmedOutcome("lead", "ent-001", openedAt, reportedAt)));
    }

    @Test
    void aViolationOfAnIncidentOpenedUpTo90DaysBeforeAndConfirmedByThenMakesARepeat() {
        long nine = NINE.toEpochMilli();
        assertThat(one(NINE.minus(NINETY_DAYS), NINE.minus(NINETY_DAYS)).makeRepeat(nine, NINETY_DAYS)).isTrue();
        assertThat(one(NINE.minus(NINETY_DAYS).minusMillis(1), NINE.minus(Duration.ofDays(80))).makeRepeat(nine, NINETY_DAYS))
                .as("its incident opened more than 90 days before").isFalse();
        assertThat(one(NINE.minusSeconds(3600), NINE.plusMillis(1)).makeRepeat(nine, NINETY_DAYS))
                .as("confirmed only after the new incident opened").isFalse();
        assertThat(one(NINE, NINE).makeRepeat(nine, NINETY_DAYS)).as("the same incident").isFalse();
    }

    @Test
    void isAPojoFlinkSerializesWithoutKryo() throws Exception {
        TypeInformation<ConfirmedOutcomes> info = TypeInformation.of(ConfirmedOutcomes.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<ConfirmedOutcomes> pojo = (PojoTypeInfo<ConfirmedOutcomes>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getTypeAt(i)).as(pojo.getPojoFieldAt(i).getField().getName()).isNotInstanceOf(GenericTypeInfo.class);
        }

        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        SerializerConfigImpl serializerConfig = new SerializerConfigImpl();
        serializerConfig.configure(config, getClass().getClassLoader());
        TypeSerializer<ConfirmedOutcomes> serializer = info.createSerializer(serializerConfig);
        ConfirmedOutcomes outcomes = new ConfirmedOutcomes("ent-001", List.of(OutcomesJsonTest.FIRST, OutcomesJsonTest.SECOND));
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(outcomes, out);
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(outcomes);
    }
}
