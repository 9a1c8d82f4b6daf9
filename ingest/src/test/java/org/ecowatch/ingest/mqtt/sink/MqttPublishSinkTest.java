package org.ecowatch.ingest.mqtt.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ecowatch.ingest.testing.SharedEmbeddedBroker;
import org.ecowatch.ingest.testing.TestPublisher;
import org.ecowatch.ingest.testing.TestSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MqttPublishSinkTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void publishesEveryElementOfAJobToTheTopicItsMappingNames() throws Exception {
        String prefix = "sink-job/" + UUID.randomUUID().toString().substring(0, 8);
        List<String> elements = TestPublisher.payloads("alert", 300);
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);

        try (TestSubscriber subscriber = TestSubscriber.subscribe(SharedEmbeddedBroker.url(), prefix + "/#")) {
            env.fromData(elements)
                    .sinkTo(MqttPublishSink.<String>builder()
                            .setServerUri(SharedEmbeddedBroker.url())
                            .setMapper(e -> new MqttOutbound(prefix + "/" + (e.hashCode() & 1), e.getBytes(UTF_8)))
                            .build())
                    .name("mqtt-publish").uid("mqtt-publish");
            env.execute("mqtt-publish-sink-test");

            assertThat(subscriber.await(elements.size(), Duration.ofSeconds(20)))
                    .containsExactlyInAnyOrderElementsOf(elements);
        }
    }

    @Test
    void builderNamesWhatIsMissing() {
        assertThatThrownBy(() -> MqttPublishSink.<String>builder().build()).hasMessageContaining("connection");
        assertThatThrownBy(() -> MqttPublishSink.<String>builder().setServerUri("tcp://127.0.0.1:1883").build())
                .hasMessageContaining("mapper");
        assertThatThrownBy(() -> MqttPublishSink.<String>builder()
                        .setServerUri("tcp://127.0.0.1:1883")
                        .setMapper(e -> null)
                        .setMaxInFlight(0)
                        .build())
                .hasMessageContaining("maxInFlight");
    }
}
