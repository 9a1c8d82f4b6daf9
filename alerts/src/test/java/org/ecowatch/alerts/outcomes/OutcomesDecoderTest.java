package org.ecowatch.alerts.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.junit.jupiter.api.Test;

class OutcomesDecoderTest {
    static final String PREFIX = "ecowatch/v1";

    static List<Object> decode(String topic, byte[] payload, List<DeadLetter> deadLetters) throws Exception {
        try (OneInputStreamOperatorTestHarness<InboundMessage, ConfirmedOutcomes> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new OutcomesDecoder(PREFIX))) {
            harness.processElement(new InboundMessage(topic, payload, 42L), 0);
            var rejected = harness.getSideOutput(OutcomesDecoder.DEAD_LETTERS); // null when nothing was rejected
            if (rejected != null) {
                rejected.stream().map(StreamRecord::getValue).forEach(deadLetters::add);
            }
            return List.copyOf(harness.extractOutputValues());
        }
    }

    @Test
    void aValidMessageBecomesTheEnterprisesConfirmedOutcomes() throws Exception {
        ConfirmedOutcomes outcomes = new ConfirmedOutcomes("ent-001", List.of(OutcomesJsonTest.FIRST));
        List<DeadLetter> deadLetters = new java.util.ArrayList<>();
        assertThat(decode(PREFIX + "/outcomes/ent-001", OutcomesJson.toBytes(outcomes), deadLetters)).containsExactly(outcomes);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void anEmptyPayloadThatDeletesTheRetainedMessageClearsTheEnterprise() throws Exception {
        assertThat(decode(PREFIX + "/outcomes/ent-001", new byte[0], new java.util.ArrayList<>()))
                .containsExactly(new ConfirmedOutcomes("ent-001", List.of()));
    }

    @Test
    void aBrokenPayloadOrOneOfAnotherEnterpriseIsDeadLetteredWithItsReason() throws Exception {
        byte[] broken = "{\"schema\":\"ecowatch.outcomes/1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] otherEnterprise = OutcomesJson.toBytes(new ConfirmedOutcomes("ent-002", List.of()));
        List<DeadLetter> deadLetters = new java.util.ArrayList<>();
        assertThat(decode(PREFIX + "/outcomes/ent-001", broken, deadLetters)).isEmpty();
        assertThat(decode(PREFIX + "/outcomes/ent-001", otherEnterprise, deadLetters)).isEmpty();

        assertThat(deadLetters).extracting(DeadLetter::reason).containsOnly("outcomes.malformed");
        assertThat(deadLetters).extracting(DeadLetter::detail).containsExactly("enterpriseId is required and must be a string",
                "\"enterpriseId\" is ent-002 but the topic names ent-001");
        assertThat(deadLetters.get(0).payload()).isEqualTo(broken);
        assertThat(deadLetters.get(0).topic()).isEqualTo(PREFIX + "/outcomes/ent-001");
        assertThat(deadLetters.get(0).receivedAt()).isEqualTo(42L);
    }
}
