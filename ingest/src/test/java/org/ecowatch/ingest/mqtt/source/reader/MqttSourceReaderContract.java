package org.ecowatch.ingest.mqtt.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.mqtt.MqttMetrics;
import org.ecowatch.ingest.mqtt.source.MqttSource;
import org.ecowatch.ingest.mqtt.source.MqttSourceConfig;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;
import org.ecowatch.ingest.testing.TestPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reader's acknowledgement discipline, checked through the broker's redelivery: a message
 * the reader did not acknowledge comes again on the session's next connection, one it did
 * acknowledge does not. Subclasses say which broker.
 *
 * <p>Messages are published while the session is offline (it was created beforehand), so the
 * broker holds them for the reader: no race with the subscription.
 */
abstract class MqttSourceReaderContract {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private String run;
    private MqttSourceConfig config;
    private MqttSessionSplit split;

    abstract String brokerUrl();

    @BeforeEach
    void createOfflineSession() throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        config = MqttSource.builder()
                .setServerUri(brokerUrl())
                .setTopicFilters("reader/" + run + "/#")
                .setSharedGroup("g-" + run)
                .setClientIdPrefix("reader-" + run)
                .setSessions(1)
                .setSessionExpiry(Duration.ofMinutes(5))
                .setReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build()
                .config();
        split = new MqttSessionSplit(0, config.clientId(0));
        MqttClient session = MqttClients.connect(MqttConnectionSettings.of(brokerUrl()), split.clientId(), o -> {
            o.setCleanStart(false);
            o.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        });
        session.subscribe(new MqttSubscription[] {new MqttSubscription(config.subscriptionFilters().get(0), 1)});
        MqttClients.closeQuietly(session);
    }

    @Test
    void acknowledgesNothingBeforeTheCheckpointCompletes() throws Exception {
        List<String> published = publish(TestPublisher.payloads("m", 10));

        try (ReaderHarness first = new ReaderHarness(config, split)) {
            assertThat(first.poll(10, WAIT)).containsExactlyElementsOf(published);
            first.reader().snapshotState(1);
            assertThat(first.counter(MqttMetrics.RECEIVED)).isEqualTo(10);
            assertThat(first.counter(MqttMetrics.ACKED)).isZero();
            // The task fails here: checkpoint 1 never completes.
        }

        try (ReaderHarness second = new ReaderHarness(config, split)) {
            assertThat(second.poll(10, WAIT)).as("redelivered").containsExactlyInAnyOrderElementsOf(published);
            second.reader().snapshotState(2);
            second.reader().notifyCheckpointComplete(2);
            assertThat(second.counter(MqttMetrics.ACKED)).isEqualTo(10);
            assertThat(second.gauge(MqttMetrics.QUEUE_DEPTH)).isEqualTo(0);
        }

        publish(List.of("sentinel"));
        try (ReaderHarness third = new ReaderHarness(config, split)) {
            assertThat(third.poll(1, WAIT)).as("nothing acknowledged comes again").containsExactly("sentinel");
        }
    }

    @Test
    void acknowledgesOnlyWhatItEmittedBeforeTheCompletedCheckpoint() throws Exception {
        List<String> before = TestPublisher.payloads("before", 5);
        List<String> after = TestPublisher.payloads("after", 5);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        publish(all);

        try (ReaderHarness first = new ReaderHarness(config, split)) {
            assertThat(first.poll(5, WAIT)).containsExactlyElementsOf(before);
            first.reader().snapshotState(7);
            assertThat(first.poll(5, WAIT)).containsExactlyElementsOf(after);
            first.reader().notifyCheckpointComplete(7);
            assertThat(first.counter(MqttMetrics.ACKED)).isEqualTo(5);
        }

        publish(List.of("sentinel"));
        try (ReaderHarness second = new ReaderHarness(config, split)) {
            assertThat(second.poll(6, WAIT)).containsExactlyInAnyOrderElementsOf(concat(after, "sentinel"));
        }
    }

    @Test
    void aLaterCheckpointAcknowledgesTheMessagesOfEarlierOnesWhoseNotificationNeverCame() throws Exception {
        List<String> published = publish(TestPublisher.payloads("m", 6));

        try (ReaderHarness first = new ReaderHarness(config, split)) {
            first.poll(3, WAIT);
            first.reader().snapshotState(1); // its notification is lost
            first.poll(3, WAIT);
            first.reader().snapshotState(2);
            first.reader().notifyCheckpointComplete(2);
            assertThat(first.counter(MqttMetrics.ACKED)).isEqualTo(published.size());
        }

        publish(List.of("sentinel"));
        try (ReaderHarness second = new ReaderHarness(config, split)) {
            assertThat(second.poll(1, WAIT)).containsExactly("sentinel");
        }
    }

    private List<String> publish(List<String> payloads) throws Exception {
        return TestPublisher.publish(brokerUrl(), "reader/" + run + "/telemetry", payloads);
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> result = new ArrayList<>(list);
        result.add(last);
        return result;
    }
}
