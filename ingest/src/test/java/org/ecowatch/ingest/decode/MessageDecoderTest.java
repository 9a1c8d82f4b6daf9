package org.ecowatch.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.testing.Fleets;
import org.junit.jupiter.api.Test;

class MessageDecoderTest {
    static final long NOW = 1764201600000L;
    static final String VALID = "{\"ts\":" + NOW + ",\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}";

    final MessageDecoder decoder = new MessageDecoder("ecowatch/v1", Fleets.paperMill(), Fleets.thresholds());

    Decoded decode(String topic, String payload) {
        return decoder.decode(new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), NOW));
    }

    @Test
    void decodesATelemetryTopicOfARegisteredDevice() {
        assertThat(decode("ecowatch/v1/telemetry/ent-001/ww-01", VALID).readings()).hasSize(1);
    }

    @Test
    void rejectsAnUnknownEnterpriseOrDeviceNamingWhichOne() {
        Decoded unknownEnterprise = decode("ecowatch/v1/telemetry/ent-404/ww-01", VALID);
        assertThat(unknownEnterprise.rejected()).singleElement()
                .satisfies(dl -> assertThat(dl.reason()).isEqualTo(Reason.DEVICE_UNKNOWN))
                .satisfies(dl -> assertThat(dl.detail()).contains("enterprise \"ent-404\""));
        assertThat(decode("ecowatch/v1/telemetry/ent-001/ww-99", VALID).rejected()).singleElement()
                .satisfies(dl -> assertThat(dl.detail()).contains("device \"ent-001/ww-99\""));
    }

    @Test
    void rejectsTopicsOutsideTheContract() {
        for (String topic : new String[] {"other/v1/telemetry/ent-001/ww-01", "ecowatch/v1/telemetry/ent-001",
                "ecowatch/v1/readings/ent-001/ww-01", "ecowatch/v1/telemetry/ent 001/ww-01"}) {
            assertThat(decode(topic, VALID).rejected()).singleElement()
                    .satisfies(dl -> assertThat(dl.reason()).isEqualTo(Reason.TOPIC_INVALID));
        }
    }
}
