package org.ecowatch.ingest.mqtt.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.util.function.SerializableFunction;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.mqtt.MqttMetrics;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.SharedEmbeddedBroker;
import org.ecowatch.ingest.testing.TestPublisher;
import org.ecowatch.ingest.testing.TestSubscriber;
import org.junit.jupiter.api.Test;

class MqttPublishWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final MetricListener metrics = new MetricListener();
    private final String topic = "sink/" + UUID.randomUUID().toString().substring(0, 8);
    private final SerializableFunction<String, MqttOutbound> toTopic = s -> new MqttOutbound(topic, s.getBytes(UTF_8));

    private MqttPublishWriter<String> writer(String url, int maxInFlight) {
        MqttPublishConfig config = new MqttPublishConfig(
                MqttConnectionSettings.of(url), "writer-test", maxInFlight, Duration.ofMillis(50), Duration.ofMillis(500));
        return new MqttPublishWriter<>(config, toTopic, 0, metrics.getMetricGroup());
    }

    private long published() {
        return metrics.getCounter(MqttMetrics.GROUP, MqttMetrics.PUBLISHED).orElseThrow().getCount();
    }

    @Test
    void flushReturnsOnlyOnceTheBrokerAcknowledgedEveryPublish() throws Exception {
        List<String> elements = TestPublisher.payloads("e", 500);
        try (TestSubscriber subscriber = TestSubscriber.subscribe(SharedEmbeddedBroker.url(), topic);
                MqttPublishWriter<String> writer = writer(SharedEmbeddedBroker.url(), 1000)) {
            for (String element : elements) {
                writer.write(element, null);
            }
            writer.flush(false);

            assertThat(writer.unacknowledgedCount()).isZero();
            assertThat(published()).isEqualTo(elements.size());
            assertThat(subscriber.await(elements.size(), WAIT)).containsExactlyElementsOf(elements);
        }
    }

    @Test
    void waitsForRoomInsteadOfDroppingWhenTheInFlightLimitIsReached() throws Exception {
        List<String> elements = TestPublisher.payloads("e", 200);
        try (TestSubscriber subscriber = TestSubscriber.subscribe(SharedEmbeddedBroker.url(), topic);
                MqttPublishWriter<String> writer = writer(SharedEmbeddedBroker.url(), 2)) {
            for (String element : elements) {
                writer.write(element, null);
                assertThat(writer.unacknowledgedCount()).isLessThanOrEqualTo(2);
            }
            writer.flush(true);

            assertThat(subscriber.await(elements.size(), WAIT)).containsExactlyInAnyOrderElementsOf(elements);
        }
    }

    @Test
    void skipsElementsTheMappingReturnsNullFor() throws Exception {
        MqttPublishConfig config = new MqttPublishConfig(MqttConnectionSettings.of(SharedEmbeddedBroker.url()),
                "writer-test", 10, Duration.ofMillis(50), Duration.ofMillis(500));
        try (TestSubscriber subscriber = TestSubscriber.subscribe(SharedEmbeddedBroker.url(), topic);
                MqttPublishWriter<String> writer = new MqttPublishWriter<>(config,
                        s -> s.startsWith("skip") ? null : new MqttOutbound(topic, s.getBytes(UTF_8)), 0,
                        metrics.getMetricGroup())) {
            writer.write("skip-1", null);
            writer.write("keep-1", null);
            writer.flush(false);

            assertThat(subscriber.await(1, WAIT)).containsExactly("keep-1");
            assertThat(published()).isEqualTo(1);
        }
    }

    @Test
    void reconnectsAfterTheBrokerRestartsAndDeliversEverything() throws Exception {
        try (MosquittoServer mosquitto = MosquittoServer.start(true)) {
            // A persistent subscriber session, offline: the broker queues for it across the restart.
            TestSubscriber.persistent(mosquitto.url(), "sink-restart-reader", topic).close();
            List<String> before = TestPublisher.payloads("before", 50);
            List<String> after = TestPublisher.payloads("after", 50);

            try (MqttPublishWriter<String> writer = writer(mosquitto.url(), 100)) {
                for (String element : before) {
                    writer.write(element, null);
                }
                writer.flush(false);
                mosquitto.restart();
                for (String element : after) {
                    writer.write(element, null);
                }
                writer.flush(false);
                assertThat(published()).isGreaterThanOrEqualTo(100);
            }

            try (TestSubscriber subscriber = TestSubscriber.persistent(mosquitto.url(), "sink-restart-reader", topic)) {
                List<String> received = subscriber.await(100, WAIT);
                assertThat(received).containsAll(before).containsAll(after);
            }
        }
    }
}
